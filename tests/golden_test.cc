// Golden tests of whole documents: `extract` of every born-digital sample
// must equal samples/expected/<name>.golden.json. After a deliberate change,
// regenerate with PROTOKOLL_UPDATE_GOLDEN=1 and review the diff by eye.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "protokoll/jobs.h"
#include "protokoll/record_json.h"
#include "test_support.h"

namespace protokoll {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> BornDigitalSamples() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(testing::SourceDir()) / "samples")) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".pdf" && name.find("-scan") == std::string::npos) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The first difference between two JSON values, as a JSON pointer and both sides.
std::string FirstDifference(const json& expected, const json& actual) {
  json patch = json::diff(expected, actual);
  if (patch.empty()) return "";
  const json& op = patch[0];
  std::string path = op.value("path", "");
  std::string out = op.value("op", "") + " at " + path;
  try {
    out += "\n  expected: " + expected.at(json::json_pointer(path)).dump();
  } catch (...) {
  }
  if (op.contains("value")) out += "\n  actual:   " + op["value"].dump();
  return out + "\n  (" + std::to_string(patch.size()) + " differences)";
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, ExtractMatchesExpectedJson) {
  const fs::path samples = fs::path(testing::SourceDir()) / "samples";
  const std::string name = GetParam();
  ExtractOptions options;
  options.ocr = OcrMode::kAuto;
  auto doc = ExtractDocument((samples / name).string(), options, testing::SharedDictionary(), NullLogger());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  json actual = json::parse(DocumentToJson(*doc, JsonOptions{2, false}));

  const fs::path golden = samples / "expected" / (fs::path(name).stem().string() + ".golden.json");
  if (const char* update = std::getenv("PROTOKOLL_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(golden) << actual.dump(2) << "\n";
    GTEST_SKIP() << "updated " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << "no golden file " << golden << " (PROTOKOLL_UPDATE_GOLDEN=1 writes it)";
  json expected = json::parse(testing::ReadFileOrDie(golden.string()));
  // Only the first difference is printed: a whole document on each side would bury it.
  EXPECT_TRUE(expected == actual) << FirstDifference(expected, actual);
}

INSTANTIATE_TEST_SUITE_P(Samples, GoldenTest, ::testing::ValuesIn(BornDigitalSamples()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = fs::path(info.param).stem().string();
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

}  // namespace
}  // namespace protokoll
