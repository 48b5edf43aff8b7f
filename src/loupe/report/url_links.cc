// Referral and file sections shared by domain and URL reports.
#include "loupe/base/status_macros.h"
#include "loupe/model/object_key.h"
#include "loupe/report/report_context.h"

namespace loupe {
namespace json = boost::json;
namespace {

absl::StatusOr<json::object> FileRow(ReportContext& ctx, const Related& file) {
  const std::string& md5 = file.md5;
  json::object row{{"Md5", md5.empty() ? json::value(nullptr) : json::value(md5)},
                   {"Zone", ZoneName(file.verdict.zone)},
                   {"FirstSeen", TimeJson(file.stats.first_seen)},
                   {"LastSeen", TimeJson(file.stats.last_seen)}};
  if (file.indicator.type != IndicatorType::kMd5) {
    row[file.indicator.type == IndicatorType::kSha1 ? "Sha1" : "Sha256"] = file.indicator.value;
  }
  return row;
}

}  // namespace

absl::StatusOr<json::array> ReferralsJson(ReportContext& ctx,
                                          const std::vector<std::string>& url_keys,
                                          Direction direction) {
  ASSIGN_OR_RETURN(auto urls,
                   ctx.ListRelated(url_keys, RelationType::kRefersTo, direction, ctx.count()));
  return ReportContext::UrlZoneList(urls);
}

absl::StatusOr<json::array> FilesAccessedJson(ReportContext& ctx,
                                              const std::vector<std::string>& url_keys,
                                              const std::string& contacted_domain_key) {
  ASSIGN_OR_RETURN(auto files, ctx.ListRelated(url_keys, RelationType::kAccessedUrl, Direction::kIn,
                                               ctx.count()));
  if (!contacted_domain_key.empty() && files.size() < ctx.count()) {
    ASSIGN_OR_RETURN(auto more,
                     ctx.ListRelated({contacted_domain_key}, RelationType::kContactedDomain,
                                     Direction::kIn, ctx.count() - files.size()));
    for (auto& f : more) {
      bool dup = false;
      for (const auto& g : files) dup = dup || g.key == f.key;
      if (!dup) files.push_back(std::move(f));
    }
  }
  json::array out;
  for (const auto& f : files) {
    ASSIGN_OR_RETURN(auto row, FileRow(ctx, f));
    out.push_back(std::move(row));
  }
  return out;
}

absl::StatusOr<json::array> FilesDownloadedJson(ReportContext& ctx,
                                                const std::vector<Related>& urls, uint64_t* total) {
  // Gather (file, url) pairs from every URL first, then resolve the files in one batch:
  // a domain with a thousand URLs would otherwise make a thousand small batches.
  std::vector<Related> files;
  std::vector<const Related*> via;
  uint64_t sum = 0;
  for (const auto& url : urls) {
    size_t room = ctx.count() - std::min(ctx.count(), files.size());
    ASSIGN_OR_RETURN(auto page, ctx.view().ListRelated(url.key, RelationType::kDownloadedFile,
                                                       Direction::kOut, room));
    sum += page.total;
    for (auto& item : page.items) {
      std::string_view in = item.object;
      ASSIGN_OR_RETURN(Indicator indicator, DecodeObjectKey(in));
      files.push_back({std::move(item.object), std::move(indicator), item.stats, {}, {}, {}});
      via.push_back(&url);
    }
  }
  RETURN_IF_ERROR(ctx.Resolve(files));
  json::array out;
  for (size_t i = 0; i < files.size(); ++i) {
    ASSIGN_OR_RETURN(auto row, FileRow(ctx, files[i]));
    row["Url"] = via[i]->indicator.value;
    out.push_back(std::move(row));
  }
  if (total != nullptr) *total = sum;
  return out;
}

}  // namespace loupe
