// loupe verdict set|fp|clear|comment|history VALUE: analyst review of an object's verdict;
// loupe verdict recompute: judge every object again and store the verdicts.
//
// Reviews are written as changesets (origin "review:<author>"), so they are logged and
// replicated like any other write; `history` lists them oldest first, and reports show
// the override in force with the computed verdict beside it.
#include <sodium.h>

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "boost/json.hpp"
#include "fmt/format.h"
#include "loupe/cli/command.h"
#include "loupe/judge/object_judge.h"
#include "loupe/judge/recompute.h"
#include "loupe/model/object_key.h"
#include "loupe/sources/source_config.h"

namespace loupe::cli {
namespace {

// An analyst's reason is free text shown in reports; keep it a readable size.
constexpr size_t kMaxReasonBytes = 2000;

struct VerdictArgs {
  std::string value, zone, reason, author, expires, format = "table";
};

std::string DefaultAuthor() {
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "cli";
}

// --expires: an ISO 8601 time, or a duration from now (30m, 6h, 30d).
absl::StatusOr<UnixSeconds> ExpiryOf(const std::string& text, UnixSeconds now) {
  if (text.empty()) return 0;
  if (auto t = ParseIsoTime(text); t.ok()) return *t;
  auto d = ParseInterval(text);
  if (!d.ok() || *d == 0) {
    return absl::InvalidArgumentError(
        fmt::format("--expires \"{}\" is neither an ISO 8601 time nor a duration like 30d", text));
  }
  return now + *d;
}

absl::StatusOr<std::string> KeyOf(const std::string& value) {
  auto indicator = ParseIndicator(value);
  if (!indicator.ok()) return indicator.status();
  return EncodeObjectKey(*indicator);
}

absl::StatusOr<Review> ReviewOf(ReviewAction action, const VerdictArgs& args, UnixSeconds now) {
  Review r{.action = action,
           .reason = args.reason,
           .author = args.author.empty() ? DefaultAuthor() : args.author,
           .time = now};
  if (r.reason.size() > kMaxReasonBytes) {
    return absl::InvalidArgumentError(
        fmt::format("--reason is longer than {} bytes", kMaxReasonBytes));
  }
  if ((action == ReviewAction::kSetZone || action == ReviewAction::kFalsePositive ||
       action == ReviewAction::kComment) &&
      r.reason.empty()) {
    return absl::InvalidArgumentError("--reason is required: say why, for the audit history");
  }
  if (action == ReviewAction::kSetZone) {
    auto zone = ZoneFromName(args.zone);
    if (!zone)
      return absl::InvalidArgumentError("--zone is one of Red, Orange, Yellow, Grey, Green");
    r.zone = *zone;
  }
  if (action == ReviewAction::kFalsePositive) r.zone = Zone::kGreen;
  if (action == ReviewAction::kSetZone || action == ReviewAction::kFalsePositive) {
    auto expires = ExpiryOf(args.expires, now);
    if (!expires.ok()) return expires.status();
    if (*expires != 0 && *expires <= now) {
      return absl::InvalidArgumentError("--expires is in the past");
    }
    r.expires_at = *expires;
  }
  return r;
}

int Write(ReviewAction action, const VerdictArgs& args, const GlobalOptions& global) {
  auto key = KeyOf(args.value);
  if (!key.ok()) return ReportError(key.status());
  const auto clock = std::chrono::system_clock::now().time_since_epoch();
  const int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(clock).count();
  const UnixSeconds now = micros / 1'000'000;
  auto review = ReviewOf(action, args, now);
  if (!review.ok()) return ReportError(review.status());
  auto loaded = LoadPolicy(global);  // before writing: a bad policy file writes nothing
  if (!loaded.ok()) return ReportError(loaded.status());
  const VerdictPolicy& policy = *loaded;
  auto store = OpenStore(global, false);
  if (!store.ok()) return ReportError(store.status());
  if (sodium_init() < 0) return ReportError(absl::InternalError("libsodium failed to initialize"));
  Changeset cs(now, "review:" + review->author);
  cs.SetAttribute(*key, AttributeKind::kReview, ReviewItem(micros, randombytes_random()),
                  EncodeReview(*review));
  auto seq = (*store)->Commit(cs);
  if (!seq.ok()) return ReportError(seq.status());
  auto view = (*store)->Snapshot();
  ObjectJudge judge(*view, policy, now);
  auto verdict = judge.Judge({*key}, ObjectKeyType(*key));
  if (!verdict.ok()) return ReportError(verdict.status());
  // The stored verdicts follow at once (the object's, and those its zone propagates to):
  // an override must reach listings and lookups now, not at the next recompute.
  if (auto s = RejudgeObjects(**store, {*key}, policy, now, *seq); !s.ok()) return ReportError(s);
  fmt::print("{} (changeset {})\n{}\n", ReviewActionName(action), *seq, verdict->reasons.front());
  return kExitFound;
}

int History(const VerdictArgs& args, const GlobalOptions& global) {
  auto key = KeyOf(args.value);
  if (!key.ok()) return ReportError(key.status());
  auto store = OpenStore(global, true);
  if (!store.ok()) return ReportError(store.status());
  auto view = (*store)->Snapshot();
  auto loaded = LoadPolicy(global);
  if (!loaded.ok()) return ReportError(loaded.status());
  const VerdictPolicy& policy = *loaded;
  ObjectJudge judge(*view, policy, std::time(nullptr));
  auto reviews = judge.Reviews(*key);
  if (!reviews.ok()) return ReportError(reviews.status());
  if (args.format == "json") {
    boost::json::array out;
    for (const Review& r : *reviews) out.push_back(boost::json::parse(EncodeReview(r)));
    fmt::print("{}\n", boost::json::serialize(out));
  } else {
    for (const Review& r : *reviews) {
      const bool zoned =
          r.action == ReviewAction::kSetZone || r.action == ReviewAction::kFalsePositive;
      fmt::print("{}  {:<14} {:<6} {:<12} {}{}\n", FormatIsoTime(r.time),
                 ReviewActionName(r.action), zoned ? ZoneName(r.zone) : "", r.author, r.reason,
                 r.expires_at ? fmt::format(" (until {})", FormatIsoTime(r.expires_at)) : "");
    }
  }
  return reviews->empty() ? kExitNotFound : kExitFound;
}

int Recompute(const GlobalOptions& global) {
  auto store = OpenStore(global, false);
  if (!store.ok()) return ReportError(store.status());
  auto policy = LoadPolicy(global);
  if (!policy.ok()) return ReportError(policy.status());
  auto stats = RecomputeVerdicts(**store, *policy, std::time(nullptr));
  if (!stats.ok()) return ReportError(stats.status());
  fmt::print("{} verdicts stored ({} re-judged with propagation) in {:.1f} s + {:.1f} s\n",
             stats->judged, stats->propagated, stats->base_seconds, stats->propagation_seconds);
  for (Zone z : {Zone::kRed, Zone::kOrange, Zone::kYellow, Zone::kGrey, Zone::kGreen}) {
    fmt::print("  {:<7} {}\n", ZoneName(z), stats->zones[static_cast<size_t>(z)]);
  }
  return kExitFound;
}

}  // namespace

Command VerdictCommand() {
  return {"verdict", "analyst review: override a verdict, mark a false positive, see the history",
          [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
            auto args = std::make_shared<VerdictArgs>();
            app.require_subcommand(1);
            auto common = [&](CLI::App* sub, bool reason_required) {
              sub->add_option("value", args->value, "IP, domain, URL or hash")->required();
              auto* reason = sub->add_option("--reason", args->reason, "why (kept in the history)");
              if (reason_required) reason->required();
              sub->add_option("--author", args->author, "who (default: $USER)");
            };
            CLI::App* set = app.add_subcommand("set", "override the zone until cleared or expired");
            common(set, true);
            set->add_option("--zone", args->zone, "Red, Orange, Yellow, Grey or Green")->required();
            set->add_option("--expires", args->expires, "ISO 8601 time or duration (30d)");
            CLI::App* fp = app.add_subcommand("fp", "mark a false positive (an override to Green)");
            common(fp, true);
            fp->add_option("--expires", args->expires, "ISO 8601 time or duration (30d)");
            CLI::App* clear = app.add_subcommand("clear", "end the override in force");
            common(clear, false);
            CLI::App* comment = app.add_subcommand("comment", "add a note to the history");
            common(comment, true);
            CLI::App* history =
                app.add_subcommand("history", "every review of the object, oldest first");
            history->add_option("value", args->value, "IP, domain, URL or hash")->required();
            history->add_option("--format", args->format, "table or json")->capture_default_str();
            CLI::App* recompute = app.add_subcommand(
                "recompute", "judge every object again and store the verdicts (for point lookups)");
            return [=, &global]() -> int {
              if (recompute->parsed()) return Recompute(global);
              if (set->parsed()) return Write(ReviewAction::kSetZone, *args, global);
              if (fp->parsed()) return Write(ReviewAction::kFalsePositive, *args, global);
              if (clear->parsed()) return Write(ReviewAction::kClear, *args, global);
              if (comment->parsed()) return Write(ReviewAction::kComment, *args, global);
              if (history->parsed()) return History(*args, global);
              return kExitUsage;
            };
          }};
}

}  // namespace loupe::cli
