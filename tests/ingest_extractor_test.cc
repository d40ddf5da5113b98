// Extractor: format detection, bad inputs and their CONTRACT.md codes, and
// where Poppler's own messages go.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "protokoll/extractor.h"
#include "protokoll/raw_json.h"
#include "test_support.h"

namespace protokoll {
namespace {

// These tests are about the text path: the per-page OCR decision (tested
// with the OCR code) stays out of the way.
using testing::TextOnly;

std::string Bad(const std::string& name) { return testing::SourceDir() + "/tests/data/bad/" + name; }

class RecordingLogger : public Logger {
 public:
  void Log(LogLevel, std::string_view message) override {
    std::lock_guard<std::mutex> lock(mu_);
    messages_.emplace_back(message);
  }
  std::vector<std::string> messages() {
    std::lock_guard<std::mutex> lock(mu_);
    return messages_;
  }
  int CountContaining(std::string_view needle) {
    int n = 0;
    for (const std::string& m : messages())
      if (m.find(needle) != std::string::npos) ++n;
    return n;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> messages_;
};

Status ExtractStatus(const std::string& path, ExtractOptions options = TextOnly()) {
  Extractor extractor(options, NullLogger());
  return extractor.ExtractFile(path).status();
}

std::string AllText(const RawDocument& doc) {
  std::string s;
  for (const RawPage& p : doc.pages)
    for (const RawLine& l : p.lines)
      for (const Word& w : l.words) s += w.text + " ";
  return s;
}

TEST(IngestExtractor, ReplacementCharactersInATextLayerAreAPageWarning) {
  Extractor extractor(testing::TextOnly(), NullLogger());
  auto doc = extractor.ExtractBytes("I KT:s cirkul\xC3\xA4r \xEF\xBF\xBDnns anvisningar om \xEF\xBF\xBD" "er\n", "a.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->warnings.size(), 1u);
  EXPECT_EQ(doc->warnings[0].page, 1);
  EXPECT_NE(doc->warnings[0].message.find("2 character(s) without Unicode"), std::string::npos)
      << doc->warnings[0].message;
  auto clean = extractor.ExtractBytes("Inga konstiga tecken h\xC3\xA4r\n", "b.txt");
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->warnings.empty());
}

TEST(IngestExtractor, MissingFileIsNotFound) {
  EXPECT_EQ(ExtractStatus(Bad("does-not-exist.pdf")).code(), ErrorCode::kNotFound);
}

TEST(IngestExtractor, DirectoryIsUnreadable) {
  EXPECT_EQ(ExtractStatus(testing::SourceDir() + "/tests/data/bad").code(), ErrorCode::kUnreadable);
}

TEST(IngestExtractor, EmptyFileIsEmptyFile) {
  EXPECT_EQ(ExtractStatus(Bad("empty.pdf")).code(), ErrorCode::kEmptyFile);
  Extractor extractor(TextOnly(), NullLogger());
  EXPECT_EQ(extractor.ExtractBytes("", "x.txt").status().code(), ErrorCode::kEmptyFile);
}

TEST(IngestExtractor, TextNamedPdfIsUnsupported) {
  Status s = ExtractStatus(Bad("text-named.pdf"));
  EXPECT_EQ(s.code(), ErrorCode::kUnsupportedFormat);
  EXPECT_NE(s.message().find("not a PDF"), std::string::npos) << s.message();
}

TEST(IngestExtractor, UnknownBinaryIsUnsupported) {
  Extractor extractor(TextOnly(), NullLogger());
  std::string binary("\x01\x02\x00\x03zip?", 8);
  EXPECT_EQ(extractor.ExtractBytes(binary, "data.bin").status().code(), ErrorCode::kUnsupportedFormat);
  // A .txt name does not make binary bytes text.
  EXPECT_EQ(extractor.ExtractBytes(binary, "data.txt").status().code(), ErrorCode::kUnsupportedFormat);
  // Text without a .txt name has no format we can claim.
  EXPECT_EQ(extractor.ExtractBytes("just words\n", "notes.md").status().code(), ErrorCode::kUnsupportedFormat);
}

TEST(IngestExtractor, DetectionIsByContentNotName) {
  Extractor extractor(TextOnly(), NullLogger());
  std::string pdf = testing::ReadFileOrDie(Bad("valid.pdf"));
  auto doc = extractor.ExtractBytes(pdf, "looks-like-text.txt");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->media_type, "application/pdf");
  // Junk before the header is allowed within the first 1024 bytes.
  auto prefixed = extractor.ExtractBytes(std::string(100, ' ') + pdf, "prefixed.pdf");
  ASSERT_TRUE(prefixed.ok()) << prefixed.status().ToString();
  EXPECT_EQ(prefixed->media_type, "application/pdf");
}

TEST(IngestExtractor, ImagesAreRecognisedByMagic) {
  Extractor extractor(ExtractOptions{}, NullLogger());
  for (std::string magic : {std::string("\x89PNG\r\n\x1a\n....", 12), std::string("\xff\xd8\xff\xe0....", 8),
                            std::string("II*\0....", 8), std::string("MM\0*....", 8)}) {
    Status s = extractor.ExtractBytes(magic, "scan.pdf").status();
    // Image input belongs to the OCR path; until it is wired, it is reported as such.
    EXPECT_NE(s.code(), ErrorCode::kUnsupportedFormat) << s.ToString();
    EXPECT_NE(s.code(), ErrorCode::kOk);
  }
}

TEST(IngestExtractor, TooLargeBeforeReading) {
  ExtractOptions options = TextOnly();
  options.max_input_bytes = 100;
  EXPECT_EQ(ExtractStatus(Bad("valid.pdf"), options).code(), ErrorCode::kTooLarge);
  Extractor extractor(options, NullLogger());
  EXPECT_EQ(extractor.ExtractBytes(std::string(101, 'a'), "a.txt").status().code(), ErrorCode::kTooLarge);
}

TEST(IngestExtractor, TruncatedPdfIsDamaged) {
  Status s = ExtractStatus(Bad("truncated.pdf"));
  EXPECT_EQ(s.code(), ErrorCode::kDamagedPdf) << s.ToString();
}

TEST(IngestExtractor, RepairedPdfIsExtractedWithADocumentWarning) {
  Extractor extractor(TextOnly(), NullLogger());
  auto repaired = extractor.ExtractFile(Bad("truncated-tail.pdf"));
  ASSERT_TRUE(repaired.ok()) << repaired.status().ToString();
  auto valid = extractor.ExtractFile(Bad("valid.pdf"));
  ASSERT_TRUE(valid.ok()) << valid.status().ToString();
  EXPECT_EQ(AllText(*repaired), AllText(*valid));
  EXPECT_NE(AllText(*repaired).find("Ordföranden"), std::string::npos);
  ASSERT_EQ(repaired->warnings.size(), 1u);
  EXPECT_EQ(repaired->warnings[0].code, ErrorCode::kDamagedPdf);
  EXPECT_NE(repaired->warnings[0].message.find("startxref"), std::string::npos) << repaired->warnings[0].message;
  EXPECT_FALSE(repaired->warnings[0].page.has_value());
  EXPECT_TRUE(valid->warnings.empty());
}

TEST(IngestExtractor, PopplerComplaintsBecomeADocumentWarning) {
  RecordingLogger logger;
  Extractor extractor(TextOnly(), &logger);
  auto doc = extractor.ExtractFile(Bad("bad-length.pdf"));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(AllText(*doc).find("Ordföranden"), std::string::npos);
  ASSERT_EQ(doc->warnings.size(), 1u);
  EXPECT_EQ(doc->warnings[0].code, ErrorCode::kDamagedPdf);
  EXPECT_FALSE(doc->warnings[0].page.has_value());
  EXPECT_NE(doc->warnings[0].message.find("Poppler reported"), std::string::npos) << doc->warnings[0].message;
  EXPECT_NE(doc->warnings[0].message.find("endstream"), std::string::npos) << doc->warnings[0].message;
  EXPECT_GT(logger.CountContaining("poppler: "), 0);
}

TEST(IngestExtractor, EveryTruncationGivesACodeOrARepairedDocument) {
  // Hostile input in miniature: the valid PDF cut at every length.
  std::string pdf = testing::ReadFileOrDie(Bad("valid.pdf"));
  Extractor extractor(TextOnly(), NullLogger());
  for (size_t cut = 1; cut < pdf.size(); ++cut) {
    auto doc = extractor.ExtractBytes(std::string_view(pdf).substr(0, cut), "cut.pdf");
    bool only_newline_lost = pdf.substr(0, cut).ends_with("%%EOF");
    if (doc.ok() && only_newline_lost) {
      EXPECT_TRUE(doc->warnings.empty()) << "cut at " << cut;
    } else if (doc.ok()) {
      // Whatever was read comes with the damage warning (no whole trailer at the end).
      ASSERT_FALSE(doc->warnings.empty()) << "cut at " << cut;
      EXPECT_EQ(doc->warnings.back().code, ErrorCode::kDamagedPdf) << "cut at " << cut;
    } else {
      ErrorCode code = doc.status().code();
      EXPECT_TRUE(code == ErrorCode::kDamagedPdf || (cut < 5 && code == ErrorCode::kUnsupportedFormat))
          << "cut at " << cut << ": " << doc.status().ToString();
    }
  }
}

TEST(IngestExtractor, UserPasswordIsEncrypted) {
  EXPECT_EQ(ExtractStatus(Bad("encrypted.pdf")).code(), ErrorCode::kEncryptedPdf);
}

TEST(IngestExtractor, OwnerPasswordOnlyIsExtracted) {
  Extractor extractor(TextOnly(), NullLogger());
  auto doc = extractor.ExtractFile(Bad("owner-only.pdf"));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(AllText(*doc).find("Ordföranden"), std::string::npos);
  EXPECT_TRUE(doc->warnings.empty());
}

TEST(IngestExtractor, IdentityFields) {
  Extractor extractor(TextOnly(), NullLogger());
  std::string path = Bad("valid.pdf");
  std::string bytes = testing::ReadFileOrDie(path);
  auto doc = extractor.ExtractFile(path);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->file_name, "valid.pdf");
  EXPECT_EQ(doc->bytes, bytes.size());
  EXPECT_EQ(doc->sha256, Sha256Hex(bytes));
  EXPECT_EQ(doc->sha256.size(), 64u);
  auto from_bytes = extractor.ExtractBytes(bytes, "some/dir/copy.pdf");
  ASSERT_TRUE(from_bytes.ok());
  EXPECT_EQ(from_bytes->file_name, "copy.pdf");
  EXPECT_EQ(from_bytes->sha256, doc->sha256);
}

TEST(IngestExtractor, PopplerMessagesGoToTheLoggerNotStderr) {
  RecordingLogger logger;
  Extractor extractor(TextOnly(), &logger);
  fflush(stderr);
  int saved = dup(2);
  ASSERT_GE(saved, 0);
  std::string dir = testing::MakeTempDir("ingest-stderr");
  std::string captured = dir + "/stderr";
  int fd = open(captured.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  dup2(fd, 2);
  close(fd);
  Status truncated = extractor.ExtractFile(Bad("truncated.pdf")).status();
  auto repaired = extractor.ExtractFile(Bad("truncated-tail.pdf"));
  fflush(stderr);
  std::cerr.flush();
  dup2(saved, 2);
  close(saved);
  std::string err = testing::ReadFileOrDie(captured);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(truncated.code(), ErrorCode::kDamagedPdf);
  EXPECT_TRUE(repaired.ok());
  EXPECT_EQ(err, "") << "Poppler printed to stderr";
  EXPECT_GT(logger.CountContaining("poppler: "), 0);
}

TEST(IngestExtractor, PopplerMessagesStayWithTheirThread) {
  // One thread reads a PDF that makes Poppler complain, the other a sound one;
  // each extractor's logger must see only its own document's messages.
  RecordingLogger damaged_log, sound_log;
  std::atomic<int> failures{0};
  std::thread damaged([&] {
    Extractor extractor(TextOnly(), &damaged_log);
    for (int i = 0; i < 50; ++i) {
      if (extractor.ExtractFile(Bad("truncated.pdf")).status().code() != ErrorCode::kDamagedPdf) ++failures;
    }
  });
  std::thread sound([&] {
    Extractor extractor(TextOnly(), &sound_log);
    for (int i = 0; i < 50; ++i) {
      auto doc = extractor.ExtractFile(Bad("valid.pdf"));
      if (!doc.ok() || !doc->warnings.empty()) ++failures;
    }
  });
  damaged.join();
  sound.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GE(damaged_log.CountContaining("poppler: "), 50);
  EXPECT_EQ(sound_log.CountContaining("poppler: "), 0);
}

TEST(IngestExtractor, PagesReadOnBorrowedCoresComeOutAsReadByOneThread) {
  std::vector<std::string> pdfs = {testing::SourceDir() + "/samples/valfardsnamnden-protokoll-2025-04-14.pdf",
                                   Bad("bad-length.pdf")};
  // Long ones from the corpus when it is here: 102 pages; Poppler complaints on pages.
  for (const char* name : {"fi-nykarleby-sv/personalsektionen_protokoll_29_05_2023_15_00_164658.pdf",
                           "us-cleveland-city-record/june92004.pdf"})
    if (std::string path = testing::CorpusFile(name); !path.empty()) pdfs.push_back(path);
  for (const auto& pdf : pdfs) {
    Extractor alone(TextOnly(), NullLogger());
    ExtractOptions shared = TextOnly();
    shared.core_budget = std::make_shared<CoreBudget>();
    shared.core_budget->Release(3);
    Extractor helped(shared, NullLogger());
    auto a = alone.ExtractFile(pdf);
    auto b = helped.ExtractFile(pdf);
    ASSERT_TRUE(a.ok() && b.ok()) << pdf;
    EXPECT_EQ(RawDocumentToJson(*b), RawDocumentToJson(*a)) << pdf;
    EXPECT_EQ(shared.core_budget->TryAcquire(5), 3) << pdf << ": every core lent was given back";
    if (a->pages.size() >= 5 && a->warnings.empty()) {
      EXPECT_GT(shared.core_budget->lent(), 1) << pdf << ": no helper read a page";
    }
  }
}

TEST(IngestExtractor, CoreBudgetGrantsWhatIsFree) {
  CoreBudget budget;
  EXPECT_EQ(budget.TryAcquire(2), 0);
  budget.Release(3);
  EXPECT_EQ(budget.TryAcquire(2), 2);
  EXPECT_EQ(budget.TryAcquire(2), 1);
  EXPECT_EQ(budget.TryAcquire(1), 0);
  EXPECT_EQ(budget.lent(), 3);
}

}  // namespace
}  // namespace protokoll
