#include "loupe/formats/misp/misp_tags.h"

#include "gtest/gtest.h"

namespace loupe {
namespace {

CategorySet Bit(Category c) { return CategoryBit(c); }

TEST(MispTagTest, KeepsTheEventTlpAsALabel) {
  EXPECT_EQ(ClassifyMispTag("tlp:amber", true), MispTagMeaning{.label = "tlp:amber"});
  EXPECT_EQ(ClassifyMispTag("TLP:CLEAR", true), MispTagMeaning{.label = "tlp:clear"});
  EXPECT_EQ(ClassifyMispTag("tlp:amber+strict", true).label, "tlp:amber+strict");
  // Not on attributes, and not unknown levels.
  EXPECT_EQ(ClassifyMispTag("tlp:amber", false), MispTagMeaning{});
  EXPECT_EQ(ClassifyMispTag("tlp:ex:chr", true), MispTagMeaning{});
}

TEST(MispTagTest, DropsMachineTagsOtherThanGalaxies) {
  for (const char* tag : {"type:OSINT", "Type:OSINT", "osint:source-type=\"blog-post\"",
                          "workflow:state=\"complete\"", "pap:amber",
                          "estimative-language:likelihood-probability=\"likely\"", "", "  "}) {
    EXPECT_EQ(ClassifyMispTag(tag, true), MispTagMeaning{}) << tag;
  }
}

TEST(MispTagTest, PlainTagsAreLabelsOrCategories) {
  EXPECT_EQ(ClassifyMispTag("Turla", true), MispTagMeaning{.label = "Turla"});
  EXPECT_EQ(ClassifyMispTag(" SSHDoor ", false), MispTagMeaning{.label = "SSHDoor"});
  EXPECT_EQ(ClassifyMispTag("ransomware", true),
            (MispTagMeaning{"", Bit(Category::kRansomware), false}));
  EXPECT_EQ(ClassifyMispTag("Phishing", false),
            (MispTagMeaning{"", Bit(Category::kPhishing), false}));
}

TEST(MispTagTest, GalaxyTagsMapByType) {
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:threat-actor=\"Sofacy\"", true),
            (MispTagMeaning{"Sofacy", Bit(Category::kApt), true}));
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:mitre-intrusion-set=\"APT32 - G0050\"", false),
            (MispTagMeaning{"APT32 - G0050", Bit(Category::kApt), true}));
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:malpedia=\"Emotet\"", true),
            (MispTagMeaning{"Emotet", Bit(Category::kMalware), false}));
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:mitre-malware=\"PlugX - S0013\"", true),
            (MispTagMeaning{"PlugX - S0013", Bit(Category::kMalware), false}));
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:ransomware=\"LockBit\"", true),
            (MispTagMeaning{"LockBit", Bit(Category::kRansomware), false}));
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:tool=\"Mimikatz\"", true),
            (MispTagMeaning{.label = "Mimikatz"}));
}

TEST(MispTagTest, GalaxyTagsOfTechniquesAndVictimsAreDropped) {
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:mitre-attack-pattern=\"Rootkit - T1014\"", true),
            MispTagMeaning{});
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:mitre-enterprise-attack-course-of-action=\"X\"", true),
            MispTagMeaning{});
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:sector=\"Government\"", true), MispTagMeaning{});
  EXPECT_EQ(ClassifyMispTag("misp-galaxy:threat-actor", true), MispTagMeaning{});  // no value
}

TEST(MispTagTest, GalaxyClustersNamedByUuidGiveNoLabel) {
  // ESET tags its own galaxy by cluster UUID; the event's Galaxy[] has the name.
  EXPECT_EQ(ClassifyMispTag(
                "misp-galaxy:eset-threat-actor=\"bb3ab4f3-e221-49e9-9fd4-4e429f8f4664\"", true),
            (MispTagMeaning{"", Bit(Category::kApt), true}));
  EXPECT_EQ(ClassifyMispGalaxyCluster("eset-threat-actor", "Ebury"),
            (MispTagMeaning{"Ebury", Bit(Category::kApt), true}));
}

TEST(MispInfoTest, FindsTheWordApt) {
  EXPECT_TRUE(MispInfoMentionsApt("APT28 spearphishing"));
  EXPECT_TRUE(MispInfoMentionsApt("Operation Ghost (APT 29)"));
  EXPECT_TRUE(MispInfoMentionsApt("APT-C-23 targets"));
  EXPECT_TRUE(MispInfoMentionsApt("Chinese APTs, 2024"));
  EXPECT_TRUE(MispInfoMentionsApt("apt and APT"));
  EXPECT_FALSE(MispInfoMentionsApt("Captured traffic"));
  EXPECT_FALSE(MispInfoMentionsApt("ADAPTER firmware"));
  EXPECT_FALSE(MispInfoMentionsApt("APTITUDE test"));
  EXPECT_FALSE(MispInfoMentionsApt("apt-get repository abuse"));
  EXPECT_FALSE(MispInfoMentionsApt(""));
}

TEST(MispUuidTest, AcceptsTheCanonicalFormOnly) {
  EXPECT_TRUE(IsMispUuid("5bbe52cb-40b0-4bda-8140-79220a016219"));
  EXPECT_TRUE(IsMispUuid("5BBE52CB-40B0-4BDA-8140-79220A016219"));
  EXPECT_FALSE(IsMispUuid("5bbe52cb40b04bda814079220a016219"));
  EXPECT_FALSE(IsMispUuid("5bbe52cb-40b0-4bda-8140-79220a01621g"));
  EXPECT_FALSE(IsMispUuid(""));
}

}  // namespace
}  // namespace loupe
