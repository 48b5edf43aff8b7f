// Descriptive attributes of objects: WHOIS for domains and networks, file metadata,
// detections, geolocation. Stored as JSON values (docs/store-format.md), so each struct has
// a boost::json conversion; unknown keys are ignored and missing keys stay empty.
#ifndef LOUPE_MODEL_ATTRIBUTES_H_
#define LOUPE_MODEL_ATTRIBUTES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "boost/json/value.hpp"
#include "loupe/base/time.h"

namespace loupe {

// Persisted in keys: never renumber, only append.
enum class AttributeKind : uint8_t {
  kDomainWhois = 1,   // DomainWhois
  kNetworkWhois = 2,  // NetworkWhois (on network objects)
  kFileInfo = 3,      // FileInfo, stored under each of the file's hash keys
  kFileName = 4,      // item: the file name; value empty
  kDetection = 5,     // item: the detection name; value Detection
  kGeo = 6,           // GeoInfo (IPs and networks)
  kAptReport = 7,     // item: report id; value AptReportRef (an APT report)
  kReport = 8,        // item: report id; value AptReportRef (a report of any kind naming it)
  kReview = 9,        // item: ReviewItem(); value EncodeReview() (model/review.h)
};

struct WhoisContact {
  std::string role;  // "registrant", "administrative", "technical", "billing", "owner", ...
  std::string name, organization, address, city, state, postal_code, country_code;
  std::string phone, fax, email, organization_id;
  friend bool operator==(const WhoisContact&, const WhoisContact&) = default;
};

struct DomainWhois {
  std::string domain_name;
  UnixSeconds created = 0, updated = 0, expires = 0;
  std::vector<std::string> name_servers;
  std::vector<std::string> statuses;
  std::string registration_organization;
  std::string registrar_info, registrar_iana_id, registrar_email;
  std::vector<WhoisContact> contacts;
  friend bool operator==(const DomainWhois&, const DomainWhois&) = default;
};

struct NetworkWhois {
  std::string range_start, range_end;  // IP text
  std::string name, description;
  UnixSeconds created = 0, changed = 0;
  std::string country_code;
  std::vector<WhoisContact> contacts;
  friend bool operator==(const NetworkWhois&, const NetworkWhois&) = default;
};

struct GeoInfo {
  std::string country_code;
  uint32_t asn = 0;
  std::vector<std::string> as_description;
  friend bool operator==(const GeoInfo&, const GeoInfo&) = default;
};

struct FileInfo {
  uint64_t size = 0;
  std::string format;  // "PE32", "ZIP", ...
  std::string signer;
  std::string packer;
  std::string md5, sha1, sha256;  // whichever are known, lower-case hex
  friend bool operator==(const FileInfo&, const FileInfo&) = default;
};

struct Detection {
  std::string name;
  std::string method;  // "signature", "heuristic", "cloud", "expert"
  UnixSeconds last_detect = 0;
  std::string description_url;
  friend bool operator==(const Detection&, const Detection&) = default;
};

struct AptReportRef {
  std::string id;
  std::string title;
  friend bool operator==(const AptReportRef&, const AptReportRef&) = default;
};

// boost::json conversions (found by ADL through tag_invoke).
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const WhoisContact& c);
WhoisContact tag_invoke(boost::json::value_to_tag<WhoisContact>, const boost::json::value& v);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const DomainWhois& w);
DomainWhois tag_invoke(boost::json::value_to_tag<DomainWhois>, const boost::json::value& v);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const NetworkWhois& w);
NetworkWhois tag_invoke(boost::json::value_to_tag<NetworkWhois>, const boost::json::value& v);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const GeoInfo& g);
GeoInfo tag_invoke(boost::json::value_to_tag<GeoInfo>, const boost::json::value& v);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const FileInfo& f);
FileInfo tag_invoke(boost::json::value_to_tag<FileInfo>, const boost::json::value& v);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const Detection& d);
Detection tag_invoke(boost::json::value_to_tag<Detection>, const boost::json::value& v);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const AptReportRef& r);
AptReportRef tag_invoke(boost::json::value_to_tag<AptReportRef>, const boost::json::value& v);

// Serialize to compact JSON text / parse back. Parsing never throws: malformed text gives
// a default-constructed value (store values are written by loupe itself).
template <typename T>
std::string AttributeToJson(const T& value);
template <typename T>
T AttributeFromJson(std::string_view text);

}  // namespace loupe

#endif  // LOUPE_MODEL_ATTRIBUTES_H_
