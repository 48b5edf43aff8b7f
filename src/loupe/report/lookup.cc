#include "loupe/report/lookup.h"

#include <array>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"

namespace loupe {
namespace {

struct FunctionInfo {
  LookupFunction fn;
  std::string_view name;
  std::vector<std::string> sections;
};

const std::array<FunctionInfo, 7>& Functions() {
  static const auto* kFunctions = new std::array<FunctionInfo, 7>{{
      {LookupFunction::kIpReport,
       "get_ip_report",
       {"IpDnsResolutions", "IpGeneralInfo", "IpWhoIs", "Zone"}},
      {LookupFunction::kIpFileHostDownloadReport,
       "get_ip_filehostdownload_report",
       {"FilesDownloadedFromIp", "HostedUrls"}},
      {LookupFunction::kUrlReport,
       "get_url_report",
       {"Zone", "UrlReferredTo", "UrlReferrals", "UrlGeneralInfo", "UrlDomainWhoIs",
        "DomainDnsResolutions"}},
      {LookupFunction::kUrlReportFile, "get_url_report_file", {"FilesAccessed", "FilesDownloaded"}},
      {LookupFunction::kDomainReport,
       "get_domain_report",
       {"DomainGeneralInfo", "DomainDnsResolutions", "DomainWhoIsInfo", "UrlReferrals",
        "UrlReferredTo", "Subdomains", "Zone"}},
      {LookupFunction::kDomainReportFile,
       "get_domain_report_file",
       {"FilesAccessed", "FilesDownloaded"}},
      {LookupFunction::kHashReport, "get_hash_report", {}},
  }};
  return *kFunctions;
}

absl::StatusOr<Indicator> ParseFor(LookupFunction fn, std::string_view value) {
  std::string_view name = LookupFunctionName(fn);
  switch (fn) {
    case LookupFunction::kIpReport:
    case LookupFunction::kIpFileHostDownloadReport: {
      ASSIGN_OR_RETURN(Indicator ip, ParseIndicator(value));
      if (!IsIpType(ip.type)) {
        return absl::InvalidArgumentError(
            fmt::format("{} needs an IP address, got a {}", name, IndicatorTypeName(ip.type)));
      }
      ip.port.reset();
      return ip;
    }
    case LookupFunction::kUrlReport:
    case LookupFunction::kUrlReportFile:
      return ParseIndicatorAs(IndicatorType::kUrl, value);
    case LookupFunction::kDomainReport:
    case LookupFunction::kDomainReportFile:
      return ParseIndicatorAs(IndicatorType::kDomain, value);
    case LookupFunction::kHashReport: {
      ASSIGN_OR_RETURN(Indicator hash, ParseIndicator(value));
      if (!IsHashType(hash.type)) {
        return absl::InvalidArgumentError(fmt::format("{} needs an MD5, SHA-1 or SHA-256, got a {}",
                                                      name, IndicatorTypeName(hash.type)));
      }
      return hash;
    }
  }
  return absl::InvalidArgumentError("unknown lookup function");
}

}  // namespace

std::optional<LookupFunction> LookupFunctionFromName(std::string_view name) {
  if (name == "get_ip_report_file") return LookupFunction::kIpFileHostDownloadReport;
  if (name == "get_domain_report_files") return LookupFunction::kDomainReportFile;
  for (const auto& f : Functions()) {
    if (f.name == name) return f.fn;
  }
  return std::nullopt;
}

std::string_view LookupFunctionName(LookupFunction fn) {
  return Functions()[static_cast<size_t>(fn)].name;
}

std::vector<std::string_view> LookupFunctionNames() {
  std::vector<std::string_view> names;
  for (const auto& f : Functions()) names.push_back(f.name);
  return names;
}

std::vector<std::string> LookupSections(LookupFunction fn) {
  return Functions()[static_cast<size_t>(fn)].sections;
}

absl::StatusOr<LookupResult> RunLookup(ReportBuilder& builder, LookupFunction fn,
                                       std::string_view value, size_t count) {
  LookupResult result;
  ASSIGN_OR_RETURN(result.indicator, ParseFor(fn, value));
  ReportOptions options;
  options.count = count;
  for (auto& s : LookupSections(fn)) options.sections.insert(s);
  if (options.sections.empty()) {
    // get_hash_report asks for every section; the explanation stays out of the TIP shape.
    for (const char* s : {"Zone", "FileGeneralInfo", "DetectionsInfo", "FileNames",
                          "FileDownloadedFromUrls", "FileAccessedUrls", "Industries"}) {
      options.sections.insert(s);
    }
  }
  ASSIGN_OR_RETURN(result.report, builder.Build(result.indicator, options, &result.found));
  result.flat = FlattenReport(fn, result.report);
  return result;
}

}  // namespace loupe
