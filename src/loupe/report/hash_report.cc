// The hash report: FileGeneralInfo, DetectionsInfo, FileNames, FileDownloadedFromUrls,
// FileAccessedUrls, Industries. A file is known under up to three hashes; the report
// gathers what the store holds under each of them (their FileInfo names the others).
#include "loupe/base/status_macros.h"
#include "loupe/model/attributes.h"
#include "loupe/model/hash.h"
#include "loupe/model/object_key.h"
#include "loupe/model/url.h"
#include "loupe/report/report_context.h"

namespace loupe {
namespace json = boost::json;
namespace {

std::string_view FileStatus(Zone zone) {
  switch (zone) {
    case Zone::kRed:
    case Zone::kOrange:
      return "Malware";
    case Zone::kYellow:
      return "Adware and other";
    case Zone::kGreen:
      return "Clean";
    case Zone::kGrey:
      break;
  }
  return "Not categorized";
}

json::value OrNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

// The keys of every hash of the file and its FileInfo (merged over the keys).
absl::Status FileKeys(ReportContext& ctx, const Indicator& hash, std::vector<std::string>& keys,
                      FileInfo& info) {
  keys.push_back(EncodeObjectKey(hash));
  ASSIGN_OR_RETURN(auto text, ctx.view().GetAttribute(keys[0], AttributeKind::kFileInfo));
  if (text) info = AttributeFromJson<FileInfo>(*text);
  for (const std::string* other : {&info.md5, &info.sha1, &info.sha256}) {
    if (other->empty() || *other == hash.value) continue;
    auto parsed = ParseHash(*other);
    if (parsed.ok()) keys.push_back(EncodeObjectKey(*parsed));
  }
  (hash.type == IndicatorType::kMd5    ? info.md5
   : hash.type == IndicatorType::kSha1 ? info.sha1
                                       : info.sha256) = hash.value;
  return absl::OkStatus();
}

absl::StatusOr<json::array> Detections(ReportContext& ctx, const std::vector<std::string>& keys,
                                       Zone zone) {
  json::array out;
  for (const auto& key : keys) {
    // DetectionsInfo is not bounded by `count` in TIP either.
    ASSIGN_OR_RETURN(auto page,
                     ctx.view().ListAttributes(key, AttributeKind::kDetection, SIZE_MAX));
    for (const auto& item : page.items) {
      Detection d = AttributeFromJson<Detection>(item.value);
      out.push_back({{"DetectionName", item.item},
                     {"DetectionMethod", OrNull(d.method)},
                     {"LastDetectDate", TimeJson(d.last_detect)},
                     {"DescriptionUrl", OrNull(d.description_url)},
                     {"Zone", ZoneName(zone)}});
    }
  }
  return out;
}

absl::StatusOr<json::array> FileNames(ReportContext& ctx, const std::vector<std::string>& keys) {
  json::array out;
  for (const auto& key : keys) {
    ASSIGN_OR_RETURN(auto page, ctx.view().ListAttributes(key, AttributeKind::kFileName,
                                                          ctx.count() - out.size()));
    for (const auto& item : page.items) out.push_back(json::object{{"FileName", item.item}});
  }
  return out;
}

absl::StatusOr<json::array> UrlsWithDomain(ReportContext& ctx, const std::vector<std::string>& keys,
                                           RelationType type, Direction direction) {
  ASSIGN_OR_RETURN(auto urls, ctx.ListRelated(keys, type, direction, ctx.count()));
  json::array out;
  for (const auto& u : urls) {
    auto parts = ParseUrl(u.indicator.value);
    std::string domain;
    if (parts.ok()) domain = parts->host_is_ip ? parts->host : parts->registrable_domain;
    out.push_back({{"Url", u.indicator.value},
                   {"Domain", OrNull(domain)},
                   {"Zone", ZoneName(u.verdict.zone)}});
  }
  return out;
}

}  // namespace

absl::StatusOr<json::object> BuildHashReport(ReportContext& ctx, const Indicator& hash,
                                             bool* found) {
  std::vector<std::string> keys;
  FileInfo file;
  RETURN_IF_ERROR(FileKeys(ctx, hash, keys, file));
  // The file's summary merges what the store holds under each of its hashes, exactly as
  // for files listed in other reports.
  std::vector<Related> self = {{keys[0], hash, {}, {}, {}, {}}};
  RETURN_IF_ERROR(ctx.Resolve(self));
  const std::optional<ObjectSummary>& summary = self[0].summary;
  *found = summary.has_value();
  ASSIGN_OR_RETURN(Verdict verdict, ctx.Judge(keys, hash.type));

  json::object report;
  if (ctx.Wants("Zone")) report["Zone"] = ZoneName(verdict.zone);
  if (ctx.Wants("FileGeneralInfo")) {
    json::object info{{"Md5", OrNull(file.md5)},
                      {"Sha1", OrNull(file.sha1)},
                      {"Sha256", OrNull(file.sha256)},
                      {"FirstSeen", TimeJson(summary ? summary->first_seen : 0)},
                      {"LastSeen", TimeJson(summary ? summary->last_seen : 0)},
                      {"Signer", OrNull(file.signer)},
                      {"Packer", OrNull(file.packer)},
                      {"Size", file.size},
                      {"Type", OrNull(file.format)},
                      {"HitsCount", summary ? summary->hits : 0},
                      {"FileStatus", FileStatus(verdict.zone)},
                      {"ThreatScore", verdict.score}};
    RETURN_IF_ERROR(ctx.AddCommonInfo(keys[0], summary, info));
    report["FileGeneralInfo"] = std::move(info);
  }
  if (ctx.Wants("Verdict")) report["Verdict"] = ctx.VerdictJson(verdict);
  if (ctx.Wants("DetectionsInfo")) {
    ASSIGN_OR_RETURN(report["DetectionsInfo"], Detections(ctx, keys, verdict.zone));
  }
  if (ctx.Wants("FileNames")) {
    ASSIGN_OR_RETURN(report["FileNames"], FileNames(ctx, keys));
  }
  if (ctx.Wants("FileDownloadedFromUrls")) {
    ASSIGN_OR_RETURN(report["FileDownloadedFromUrls"],
                     UrlsWithDomain(ctx, keys, RelationType::kDownloadedFile, Direction::kIn));
  }
  if (ctx.Wants("FileAccessedUrls")) {
    ASSIGN_OR_RETURN(report["FileAccessedUrls"],
                     UrlsWithDomain(ctx, keys, RelationType::kAccessedUrl, Direction::kOut));
  }
  if (ctx.Wants("Industries")) report["Industries"] = json::array();
  return report;
}

}  // namespace loupe
