// A small hand-made world for report golden tests: every relation type, WHOIS, ASN,
// detections, an APT link, and related objects in every zone. Test-only.
#ifndef LOUPE_REPORT_REPORT_FIXTURE_H_
#define LOUPE_REPORT_REPORT_FIXTURE_H_

#include "absl/status/status.h"
#include "loupe/store/object_store.h"

namespace loupe {

// The time reports of the fixture are judged at: a day after its evidence was last seen.
inline constexpr UnixSeconds kFixtureNow = 1735689600 + 31 * 86400;  // 2025-02-01
inline constexpr const char* kFixtureRedIp = "45.9.148.10";
inline constexpr const char* kFixtureRedDomain = "badcdn.net";
inline constexpr const char* kFixtureRedUrl = "http://dl.badcdn.net/payload.exe";
inline constexpr const char* kFixtureRedMd5 = "0f343b0931126a20f133d67c2b018a3b";
inline constexpr const char* kFixtureRedSha256 =
    "5d41402abc4b2a76b9719d911017c592e4bd3a2c54b7d1f6e0d2a4c5b8e7f6a1";

absl::Status BuildReportFixture(ObjectStore& store);

}  // namespace loupe

#endif  // LOUPE_REPORT_REPORT_FIXTURE_H_
