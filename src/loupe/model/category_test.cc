#include "loupe/model/category.h"

#include "gtest/gtest.h"

namespace loupe {
namespace {

TEST(CategoryTest, FeedWordsMapToOneCategory) {
  EXPECT_EQ(CategoryFromName("C&C"), Category::kC2);
  EXPECT_EQ(CategoryFromName("botnet_cc"), Category::kC2);
  EXPECT_EQ(CategoryFromName(" Malware-Download "), Category::kPayloadDelivery);
  EXPECT_EQ(CategoryFromName("PUA"), Category::kPua);
  EXPECT_EQ(CategoryFromName("emotet"), std::nullopt);
}

TEST(CategoryTest, EveryCategoryRoundTripsByName) {
  for (int i = 0; i < kCategoryCount; ++i) {
    auto c = static_cast<Category>(i);
    EXPECT_EQ(CategoryFromName(CategoryName(c)), c) << CategoryName(c);
  }
}

TEST(CategoryTest, SetsAndClasses) {
  CategorySet set = CategoryBit(Category::kAdware) | CategoryBit(Category::kTor);
  EXPECT_TRUE(HasClass(set, CategoryClass::kAdware));
  EXPECT_FALSE(HasClass(set, CategoryClass::kMalicious));
  EXPECT_EQ(CategoryNames(set), (std::vector<std::string>{"adware", "tor"}));
}

}  // namespace
}  // namespace loupe
