#include "loupe/model/review.h"

#include <array>

#include "absl/strings/match.h"

namespace loupe {
namespace {

constexpr std::array<std::string_view, 5> kZoneNames = {"Grey", "Green", "Yellow", "Orange", "Red"};

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return absl::EqualsIgnoreCase(absl::string_view(a.data(), a.size()),
                                absl::string_view(b.data(), b.size()));
}

}  // namespace

std::string_view ZoneName(Zone zone) {
  const auto i = static_cast<size_t>(zone);
  return i < kZoneNames.size() ? kZoneNames[i] : "Grey";
}

std::optional<Zone> ZoneFromName(std::string_view name) {
  if (EqualsNoCase(name, "gray")) return Zone::kGrey;
  for (size_t i = 0; i < kZoneNames.size(); ++i) {
    if (EqualsNoCase(name, kZoneNames[i])) return static_cast<Zone>(i);
  }
  return std::nullopt;
}

std::string_view ReviewActionName(ReviewAction action) {
  switch (action) {
    case ReviewAction::kSetZone:
      return "set";
    case ReviewAction::kFalsePositive:
      return "false-positive";
    case ReviewAction::kClear:
      return "clear";
    case ReviewAction::kComment:
      return "comment";
  }
  return "unknown";
}

std::optional<Review> OverrideAt(const std::vector<Review>& reviews, UnixSeconds now) {
  std::optional<Review> current;
  for (const Review& r : reviews) {
    if (r.time > now) continue;
    if (r.action == ReviewAction::kSetZone || r.action == ReviewAction::kFalsePositive) {
      current = r;
    } else if (r.action == ReviewAction::kClear) {
      current.reset();
    }
  }
  if (current && current->expires_at != 0 && current->expires_at <= now) return std::nullopt;
  return current;
}

}  // namespace loupe
