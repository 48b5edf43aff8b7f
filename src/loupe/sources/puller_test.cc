#include "loupe/sources/puller.h"

#include <filesystem>
#include <fstream>

#include "loupe/base/testing.h"
#include "loupe/model/object_key.h"

namespace loupe {
namespace {

using ::loupe::testing::ScratchDir;
using ::loupe::testing::StatusIs;

// Serves one body with an ETag; answers 304 to a matching If-None-Match.
class FakeFetcher : public Fetcher {
 public:
  absl::StatusOr<FetchResult> Fetch(const FetchRequest& request, const std::string& dest) override {
    ++requests;
    last_request = request;
    if (!fail.ok()) return fail;
    FetchResult r;
    r.etag = etag;
    if (!request.etag.empty() && request.etag == etag) {
      r.not_modified = true;
      r.http_status = 304;
      return r;
    }
    std::ofstream(dest, std::ios::binary) << body;
    r.http_status = 200;
    r.bytes = body.size();
    return r;
  }
  std::string body, etag;
  absl::Status fail;
  int requests = 0;
  FetchRequest last_request;
};

class PullerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenRocksDbStore((dir_.path() / "db").string(), {.sync = false});
    ASSERT_OK(store);
    store_ = *std::move(store);
    auto registry = SourceRegistry::Load((dir_.path() / "sources.toml").string());
    ASSERT_OK(registry);
    registry_ = std::make_unique<SourceRegistry>(*std::move(registry));
  }
  absl::StatusOr<PullReport> Pull(const SourceConfig& config, UnixSeconds now,
                                  bool force = false) {
    PullOptions options;
    options.now = now;
    options.force = force;
    options.work_dir = (dir_.path() / "work").string();
    return PullSource(*store_, *registry_, config, states_, fetcher_, options);
  }
  std::vector<Evidence> EvidenceOf(const char* value) {
    auto e = store_->Snapshot()->GetEvidence(EncodeObjectKey(*ParseIndicator(value)));
    EXPECT_OK(e);
    return *e;
  }
  ScratchDir dir_;
  std::unique_ptr<ObjectStore> store_;
  std::unique_ptr<SourceRegistry> registry_;
  SourceStateStore states_{(dir_.path() / "state").string()};
  FakeFetcher fetcher_;
};

TEST_F(PullerTest, SnapshotOverHttpHonoursEtagAndExpiresLeavers) {
  SourceConfig config{.name = "blocklist", .format = "list",
                      .location = "http://127.0.0.1:1/list.txt", .reliability = 70};
  fetcher_.body = "1.1.1.1\n2.2.2.2\nevil.example.com\n";
  fetcher_.etag = "\"v1\"";
  auto first = Pull(config, 1000);
  ASSERT_OK(first);
  EXPECT_EQ(first->outcome, "updated");
  EXPECT_EQ(first->ingest.accepted, 3u);
  EXPECT_EQ(first->ingest.changesets, 1u);  // one pull, one changeset
  EXPECT_EQ(first->expired, 0u);
  const uint64_t seq = store_->LastSequence();

  auto second = Pull(config, 2000);
  ASSERT_OK(second);
  EXPECT_EQ(second->outcome, "not-modified");
  EXPECT_EQ(fetcher_.last_request.etag, "\"v1\"");
  EXPECT_EQ(store_->LastSequence(), seq);  // nothing changed

  fetcher_.body = "1.1.1.1\nevil.example.com\n3.3.3.3\n";
  fetcher_.etag = "\"v2\"";
  auto third = Pull(config, 3000);
  ASSERT_OK(third);
  EXPECT_EQ(third->outcome, "updated");
  EXPECT_EQ(third->expired, 1u);
  auto gone = EvidenceOf("2.2.2.2");
  ASSERT_EQ(gone.size(), 1u);  // history stays
  EXPECT_EQ(gone[0].expired_at, 3000);
  EXPECT_EQ(gone[0].last_seen, 1000);
  EXPECT_EQ(EvidenceOf("1.1.1.1")[0].expired_at, 0);

  // Back on the list: the expiry clears.
  fetcher_.body = "1.1.1.1\n2.2.2.2\n";
  fetcher_.etag = "\"v3\"";
  auto fourth = Pull(config, 4000);
  ASSERT_OK(fourth);
  EXPECT_EQ(fourth->expired, 2u);  // evil.example.com and 3.3.3.3
  EXPECT_EQ(EvidenceOf("2.2.2.2")[0].expired_at, 0);
  EXPECT_EQ(EvidenceOf("3.3.3.3")[0].expired_at, 4000);

  auto state = states_.Load("blocklist");
  ASSERT_OK(state);
  EXPECT_EQ(state->pulls, 4u);
  EXPECT_EQ(state->etag, "\"v3\"");
  EXPECT_EQ(state->members, 2u);
  EXPECT_EQ(state->last_outcome, "updated");
}

TEST_F(PullerTest, SameLocalContentIsUnchangedAndRejectionsAreRecorded) {
  const std::string path = (dir_.path() / "list.txt").string();
  std::ofstream(path) << "# comment\n1.2.3.4\n999.1.1.1\nnot a thing\n";
  SourceConfig config{.name = "local", .format = "list", .location = path};
  auto first = Pull(config, 1000);
  ASSERT_OK(first);
  EXPECT_EQ(first->ingest.accepted, 1u);
  EXPECT_EQ(first->ingest.rejected, 2u);
  const uint64_t seq = store_->LastSequence();
  auto second = Pull(config, 2000);
  ASSERT_OK(second);
  EXPECT_EQ(second->outcome, "unchanged");
  EXPECT_EQ(store_->LastSequence(), seq);
  auto state = states_.Load("local");
  ASSERT_OK(state);
  ASSERT_EQ(state->errors.size(), 2u);
  EXPECT_EQ(state->errors[0].position, 3u);
  EXPECT_EQ(state->rejected, 2u);
  // --force ingests again.
  auto forced = Pull(config, 3000, true);
  ASSERT_OK(forced);
  EXPECT_EQ(forced->outcome, "updated");
  EXPECT_GT(store_->LastSequence(), seq);
}

TEST_F(PullerTest, DirectoryIncludePatternsPickTheFiles) {
  auto root = dir_.path() / "feed";
  std::filesystem::create_directories(root / "a");
  std::ofstream(root / "a" / "samples.md5") << "d41d8cd98f00b204e9800998ecf8427e\n";
  std::ofstream(root / "a" / "README.adoc") << "not a list\n";
  std::ofstream(root / "b.txt") << "5.5.5.5\n";
  auto files = ListInputs(root.string(), {"*/samples.*"});
  ASSERT_OK(files);
  EXPECT_EQ(*files, std::vector<std::string>{(root / "a" / "samples.md5").string()});
  SourceConfig config{.name = "dir", .format = "list", .location = root.string(),
                      .include = {"*/samples.*", "*.txt"}};
  auto pulled = Pull(config, 1000);
  ASSERT_OK(pulled);
  EXPECT_EQ(pulled->files.size(), 2u);
  EXPECT_EQ(pulled->ingest.accepted, 2u);
}

TEST_F(PullerTest, FailuresAreRecordedInTheState) {
  fetcher_.fail = absl::UnavailableError("http://x/: HTTP 503");
  SourceConfig config{.name = "down", .format = "list", .location = "http://x/"};
  EXPECT_THAT(Pull(config, 1000), StatusIs(absl::StatusCode::kUnavailable));
  auto state = states_.Load("down");
  ASSERT_OK(state);
  EXPECT_EQ(state->failures, 1u);
  EXPECT_EQ(state->last_outcome, "failed");
  EXPECT_EQ(state->last_error, "http://x/: HTTP 503");
  SourceConfig missing{.name = "missing", .format = "list", .location = "/nonexistent/file"};
  EXPECT_THAT(Pull(missing, 1000), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace loupe
