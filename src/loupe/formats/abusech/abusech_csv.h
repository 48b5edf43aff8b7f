// Helpers shared by the abuse.ch CSV exports (URLhaus, Feodo Tracker, MalwareBazaar,
// ThreatFox). They all open with a '#' comment block ending in a commented header line, quote
// every field, and write "n/a" or "None" for an empty value; MalwareBazaar and ThreatFox put
// a space after each separating comma. All functions are pure and thread-safe.
//
// Error contract: InvalidArgument with a human reason (naming the column when the problem
// is in one), nothing else.
#ifndef LOUPE_FORMATS_ABUSECH_ABUSECH_CSV_H_
#define LOUPE_FORMATS_ABUSECH_ABUSECH_CSV_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/base/time.h"
#include "loupe/model/indicator.h"

namespace loupe::abusech {

// The fields of one data row, each trimmed of surrounding blanks. nullopt for a blank
// line, a '#' line, or an uncommented header row (its first field is `first_column`).
// InvalidArgument for an unterminated quote or fewer than `columns` fields (more are
// accepted: abuse.ch appends columns rather than reordering them).
absl::StatusOr<std::optional<std::vector<std::string>>> SplitRow(std::string_view line,
                                                                 std::string_view first_column,
                                                                 size_t columns);

// True for the words abuse.ch writes for "no value": "", "n/a", "None", "null".
bool IsNoValue(std::string_view field);

// A UTC time column ("2024-11-20 10:10:05" or "2024-03-21"); 0 when the field has no value.
absl::StatusOr<UnixSeconds> ParseTimeColumn(std::string_view column, std::string_view field);

// Parses `field` as exactly `type`; the reason names the column ("url: not a valid URL: ...").
absl::StatusOr<Indicator> ParseIndicatorColumn(std::string_view column, IndicatorType type,
                                               std::string_view field);

// Appends `label` to `labels` unless it is a no-value or already present.
void AddLabel(std::string_view label, std::vector<std::string>& labels);
// Appends the comma-separated words of `list` ("32-bit,elf,mips,Mozi") to `labels`,
// skipping no-values and words already present.
void AddLabels(std::string_view list, std::vector<std::string>& labels);

// Confidence for a URL or C2 by the status abuse.ch's last check found: "offline" gives
// kOfflineConfidence, anything else nullopt (the run's confidence).
inline constexpr uint8_t kOfflineConfidence = 60;
std::optional<uint8_t> ConfidenceForStatus(std::string_view status);

}  // namespace loupe::abusech

#endif  // LOUPE_FORMATS_ABUSECH_ABUSECH_CSV_H_
