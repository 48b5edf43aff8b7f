// Crash safety: `loupe ingest` is killed with SIGKILL at random points (20 times, fixed
// seeds); afterwards every acknowledged commit ("committed SEQ FILE LINE" on stdout, printed
// only once the changeset is durable) is in the store, the log holds exactly the applied
// changesets, and nothing of an unacknowledged, half-written changeset is visible.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/line_reader.h"
#include "loupe/formats/list/list_format.h"
#include "loupe/model/object_key.h"
#include "loupe/store/object_store.h"

namespace loupe {
namespace {

using ::loupe::testing::ScratchDir;

struct Ack {
  uint64_t seq = 0;
  uint64_t line = 0;
};

// Starts `loupe ingest`, reads acknowledgements, and kills it once `kill_after_acks` have
// arrived plus `extra_us` microseconds (or lets it finish if it ends first).
std::vector<Ack> IngestAndKill(const std::string& db, const std::string& file, int kill_after_acks,
                               int extra_us, const std::string& batch, bool* finished) {
  int out[2];
  EXPECT_EQ(pipe(out), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, STDERR_FILENO);
    execl(LOUPE_BINARY, "loupe", "--db", db.c_str(), "ingest", file.c_str(), "--format", "list",
          "--source", "crash",
          "--batch", batch.c_str(), "--print-commits", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* in = fdopen(out[0], "r");
  std::vector<Ack> acks;
  char buf[4096];
  bool killed = false;
  while (fgets(buf, sizeof buf, in) != nullptr) {
    unsigned long long seq, line;
    char path[2048];
    if (std::sscanf(buf, "committed %llu %2047s %llu", &seq, path, &line) == 3) {
      acks.push_back({seq, line});
    }
    if (!killed && static_cast<int>(acks.size()) >= kill_after_acks) {
      std::this_thread::sleep_for(std::chrono::microseconds(extra_us));
      kill(pid, SIGKILL);
      killed = true;
    }
  }
  fclose(in);
  int status = 0;
  waitpid(pid, &status, 0);
  *finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return acks;
}

std::vector<Indicator> ListIndicators(const std::string& path) {
  std::vector<Indicator> out;
  auto reader = LineReader::Open(path);
  std::string_view line;
  bool too_long;
  while ((*reader)->Next(line, too_long)) {
    auto r = ParseListLine(line);
    out.push_back(r.ok() && r->has_value() ? (*r)->indicator : Indicator{});
  }
  return out;  // index i = line i + 1 (default Indicator for skipped lines)
}

class CrashTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    input_ = testing::SharedData("ipsum/ipsum.txt");
    lines_ = new std::vector<Indicator>(ListIndicators(input_));
  }
  static void TearDownTestSuite() { delete lines_; }

  // Verifies the store after a crash against the acknowledgements.
  void Verify(const std::string& db, const std::vector<Ack>& acks) {
    auto store = OpenRocksDbStore(db, {});
    ASSERT_OK(store);
    uint64_t applied = (*store)->LastSequence();
    uint64_t acked_seq = acks.empty() ? 0 : acks.back().seq;
    uint64_t acked_line = acks.empty() ? 0 : acks.back().line;
    ASSERT_GE(applied, acked_seq) << "an acknowledged commit was lost";

    // The log holds exactly changesets 1..applied, each complete; collect their objects.
    std::set<std::string> logged;
    uint64_t expected_seq = 1;
    ASSERT_OK((*store)->ReadLog(1, [&](uint64_t seq, std::string_view encoded) {
      EXPECT_EQ(seq, expected_seq++);
      ChangesetReader reader(encoded);
      ChangesetOp op;
      uint64_t n = 0;
      while (reader.Next(op)) {
        ++n;
        if (op.code == OpCode::kAddEvidence) logged.insert(std::string(op.object));
      }
      EXPECT_OK(reader.status());
      EXPECT_EQ(n, reader.op_count());
      return true;
    }));
    EXPECT_EQ(expected_seq, applied + 1);

    auto view = (*store)->Snapshot();
    uint64_t last_visible_line = 0;
    for (size_t i = 0; i < lines_->size(); ++i) {
      const Indicator& indicator = (*lines_)[i];
      if (indicator.value.empty()) continue;
      std::string key = EncodeObjectKey(indicator);
      auto s = view->GetSummary(key);
      ASSERT_OK(s);
      bool visible = s->has_value() && (*s)->HasEvidence();
      if (i + 1 <= acked_line) ASSERT_TRUE(visible) << "acknowledged line " << i + 1 << " lost";
      // Visible evidence must come from a logged (complete) changeset, never a torn one.
      if (visible) {
        ASSERT_TRUE(logged.count(key)) << "line " << i + 1 << " visible but not logged";
        last_visible_line = i + 1;
      }
    }
    // Visibility is a prefix of the file: nothing after the last complete changeset.
    for (size_t i = 0; i < last_visible_line; ++i) {
      if ((*lines_)[i].value.empty()) continue;
      auto s = view->GetSummary(EncodeObjectKey((*lines_)[i]));
      ASSERT_TRUE(s.ok() && s->has_value()) << "hole at line " << i + 1;
    }
  }

  static std::string input_;
  static std::vector<Indicator>* lines_;
};
std::string CrashTest::input_;
std::vector<Indicator>* CrashTest::lines_ = nullptr;

TEST_F(CrashTest, KilledIngestLosesNothingAcknowledgedAndShowsNoPartialChangeset) {
  constexpr int kRuns = 20;
  std::mt19937 rng(20261203);
  int killed_runs = 0;
  for (int run = 0; run < kRuns; ++run) {
    ScratchDir dir;
    std::string db = (dir.path() / "db").string();
    // Odd runs commit through the memtable (small changesets), even runs through bulk SST
    // ingestion (changesets above StoreOptions::bulk_min_writes): both must be crash-safe.
    const bool bulk = run % 2 == 0;
    std::string batch = bulk ? "40000" : "1500";
    int after = std::uniform_int_distribution<int>(0, bulk ? 3 : 60)(rng);
    int extra_us = std::uniform_int_distribution<int>(0, bulk ? 100000 : 3000)(rng);
    bool finished = false;
    auto acks = IngestAndKill(db, input_, after, extra_us, batch, &finished);
    killed_runs += finished ? 0 : 1;
    SCOPED_TRACE(::testing::Message()
                 << "run " << run << (bulk ? " (bulk)" : "") << " killed after " << acks.size()
                 << " acks + " << extra_us << "us");
    Verify(db, acks);
    // The store recovers and takes the rest: a second ingest completes.
    bool done = false;
    auto rest = IngestAndKill(db, input_, 1 << 30, 0, batch, &done);
    EXPECT_TRUE(done);
  }
  EXPECT_GE(killed_runs, kRuns / 2) << "most runs must really be killed mid-ingest";
}

}  // namespace
}  // namespace loupe
