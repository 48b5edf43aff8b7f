#include "loupe/sources/source_registry.h"

#include <cstdlib>
#include <fstream>

#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::ScratchDir;
using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

TEST(SourceRegistryTest, MissingFileIsEmptyAndSavedSourcesLoadBack) {
  ScratchDir dir;
  const std::string path = (dir.path() / "sources.toml").string();
  auto registry = SourceRegistry::Load(path);
  ASSERT_OK(registry);
  EXPECT_TRUE(registry->sources().empty());
  SourceConfig feodo{.name = "feodo",
                     .format = "list",
                     .location = "https://feodotracker.abuse.ch/downloads/ipblocklist.txt",
                     .reliability = 80,
                     .admiralty = 'B',
                     .categories = {"c2", "botnet"},
                     .tlp = "green",
                     .interval = 3600};
  feodo.headers["Auth-Key"] = "env:ABUSECH_KEY";
  ASSERT_OK(registry->Add(feodo));
  ASSERT_OK(registry->Add({.name = "local", .format = "list", .location = "lists/bad.txt",
                           .include = {"*.txt"}, .snapshot = false}));
  EXPECT_THAT(registry->Add(feodo), StatusIs(absl::StatusCode::kAlreadyExists));
  ASSERT_OK(registry->Save());

  auto again = SourceRegistry::Load(path);
  ASSERT_OK(again);
  ASSERT_EQ(again->sources().size(), 2u);
  const SourceConfig* f = again->Find("feodo");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->reliability, 80);
  EXPECT_EQ(f->admiralty, 'B');
  EXPECT_EQ(f->categories, (std::vector<std::string>{"c2", "botnet"}));
  EXPECT_EQ(f->tlp, "green");
  EXPECT_EQ(f->interval, 3600);
  EXPECT_EQ(f->headers.at("Auth-Key"), "env:ABUSECH_KEY");
  const SourceConfig* l = again->Find("local");
  ASSERT_NE(l, nullptr);
  EXPECT_FALSE(l->snapshot);
  EXPECT_EQ(again->ResolveLocation(*l), (dir.path() / "lists/bad.txt").string());
  EXPECT_EQ(again->ResolveLocation(*f), f->location);
  ASSERT_OK(again->Remove("local"));
  EXPECT_THAT(again->Remove("local"), StatusIs(absl::StatusCode::kNotFound));
}

TEST(SourceRegistryTest, AdmiraltyGradeGivesReliability) {
  ScratchDir dir;
  const std::string path = (dir.path() / "sources.toml").string();
  std::ofstream(path) << "[source.a]\nformat = \"list\"\nlocation = \"a.txt\"\nadmiralty = \"D\"\n"
                         "interval = \"15m\"\n";
  auto registry = SourceRegistry::Load(path);
  ASSERT_OK(registry);
  EXPECT_EQ(registry->Find("a")->reliability, 40);
  EXPECT_EQ(registry->Find("a")->interval, 900);
}

TEST(SourceRegistryTest, BadDefinitionsAreRejectedWithTheReason) {
  ScratchDir dir;
  const std::string path = (dir.path() / "sources.toml").string();
  std::ofstream(path) << "[source.a]\nformat = \"nope\"\nlocation = \"a.txt\"\n";
  EXPECT_THAT(SourceRegistry::Load(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown format")));
  std::ofstream(path) << "[source.a]\nformat = \"list\"\nlocation = \"a.txt\"\nadmiralty = \"G\"\n";
  EXPECT_THAT(SourceRegistry::Load(path), StatusIs(absl::StatusCode::kInvalidArgument));
  std::ofstream(path) << "[source.a\nformat = ";
  EXPECT_THAT(SourceRegistry::Load(path),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sources.toml:1")));
  std::ofstream(path) << "[source.Bad_Name]\nformat = \"list\"\nlocation = \"a.txt\"\n";
  EXPECT_THAT(SourceRegistry::Load(path), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SourceConfigTest, IntervalsAndHeaders) {
  EXPECT_EQ(*ParseInterval("1d"), 86400);
  EXPECT_EQ(*ParseInterval("manual"), 0);
  EXPECT_THAT(ParseInterval("1w"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseInterval("-5m"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FormatInterval(5400), "90m");
  setenv("LOUPE_TEST_KEY", "s3cret", 1);
  EXPECT_EQ(*ResolveHeaderValue("env:LOUPE_TEST_KEY"), "s3cret");
  EXPECT_EQ(*ResolveHeaderValue("plain"), "plain");
  EXPECT_THAT(ResolveHeaderValue("env:LOUPE_TEST_UNSET_VAR"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace loupe
