// Test support for feed formats: a sink that records everything as text, and golden
// tests over real inputs driven by a cases file.
//
// A format's cases file (testdata/formats/<format>/cases.txt) has one case a line:
//   <input> <golden>
// where <input> is a path under the shared corpora written "$SHARED/ipsum/ipsum.txt", or a
// fixture relative to the cases file, and <golden> a file beside the cases file holding the
// expected rendering. LOUPE_UPDATE_GOLDEN=1 rewrites the goldens instead of comparing.
#ifndef LOUPE_FEED_FEED_TESTING_H_
#define LOUPE_FEED_FEED_TESTING_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "loupe/feed/feed_parser.h"
#include "loupe/feed/record_sink.h"

namespace loupe::testing {

// Records every call as one line of text (RecordingSink::lines), in order:
//   indicator ipv4:1.2.3.4 port=80 cats=c2,botnet labels=a|b conf=80 first=... last=... ref=...
//   relation domain:a.com resolves_to ipv4:1.2.3.4 first=... last=... count=3
//   attribute domain:a.com domain_whois item="" value=...
//   observe domain:a.com hits=3 time=...
//   reject @12 reason
// Skips are only counted.
class RecordingSink : public RecordSink {
 public:
  absl::Status AddIndicator(const IndicatorRecord& record) override;
  absl::Status AddRelation(const Indicator& from, RelationType type, const Indicator& to,
                           const RelationStats& stats) override;
  absl::Status SetAttribute(const Indicator& object, AttributeKind kind, std::string_view item,
                            std::string_view value) override;
  absl::Status Observe(const Indicator& object, uint64_t hits, UnixSeconds time) override;
  void Reject(std::string_view reason) override;
  void Skip() override { ++skipped; }

  std::vector<std::string> lines;
  uint64_t indicators = 0, relations = 0, attributes = 0, observations = 0, rejected = 0,
           skipped = 0;
};

// "ipv4:1.2.3.4" (and " port=80" when set).
std::string RenderIndicator(const Indicator& indicator);

// The golden text for a parse: a count summary, then the first 400 lines in full, then a
// digest of the rest, so that huge corpora give small goldens that still change when any
// record does.
std::string RenderGolden(const RecordingSink& sink);

// Runs every case in testdata/formats/<format>/cases.txt with a fresh parser from `make`,
// as gtest assertions. Fails when the cases file is missing or empty.
void RunGoldenCases(const std::string& format,
                    const std::function<std::unique_ptr<FeedParser>()>& make);

}  // namespace loupe::testing

#endif  // LOUPE_FEED_FEED_TESTING_H_
