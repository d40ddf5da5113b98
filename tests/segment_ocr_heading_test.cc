// OCR reads "§" as "8", "&" or glues it to the number; §-protokoll items must survive that.
#include <gtest/gtest.h>

#include "protokoll/segment.h"

namespace protokoll {
namespace {

LaidOutDocument OcrDocument(const std::vector<std::string>& texts) {
  LaidOutDocument laid;
  laid.pages.push_back(PageRecord{1, std::nullopt, "ocr", 90.0, std::nullopt, std::nullopt, ""});
  double y = 80;
  for (const auto& t : texts) {
    TextLine l;
    l.text = t;
    l.page = 1;
    l.box = Box{60, y, 500, y + 12};
    l.font_size = 12;
    l.gap_before = 20;
    l.ocr = true;
    laid.lines.push_back(l);
    y += 32;
  }
  laid.body_font_size = 12;
  return laid;
}

std::vector<std::string> ItemNumbers(const std::vector<std::string>& texts, bool ocr = true) {
  LaidOutDocument laid = OcrDocument(texts);
  for (auto& l : laid.lines) l.ocr = ocr;
  Document doc;
  Segment(laid, HyphenationContext{}, NullLogger(), doc);
  std::vector<std::string> numbers;
  for (const auto& item : doc.items) numbers.push_back(item.number);
  return numbers;
}

const std::vector<std::string> kProtocol{
    "Sammanträdestid måndag 14.4.2025 kl. 16.00",
    "Sammanträdesplats Stadshuset",
    "Beslutande",
    "21 § Sammanträdets laglighet och beslutförhet",
    "Ordföranden konstaterade att sammanträdet var lagligt.",
    "228 Val av protokolljusterare",
    "Till justerare valdes två ledamöter.",
    "23 & Godkännande av föredragningslistan",
    "Föredragningslistan godkändes.",
    "48 Val av vice ordförande",
    "Texten fortsätter.",
};

TEST(SegmentOcrHeadingTest, SectionSignLookAlikesOpenItemsOnOcrLines) {
  EXPECT_EQ(ItemNumbers(kProtocol), (std::vector<std::string>{"21", "22", "23"}));
}

TEST(SegmentOcrHeadingTest, TextLayerLinesAreTakenLiterally) {
  EXPECT_EQ(ItemNumbers(kProtocol, /*ocr=*/false), (std::vector<std::string>{"21"}));
}

}  // namespace
}  // namespace protokoll
