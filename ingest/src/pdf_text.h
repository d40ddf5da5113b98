// Internal to ingest: the text layer of a PDF through poppler-cpp.
//
// The seam for the per-page OCR decision: ExtractPage() yields one page's
// text-layer RawPage together with PageTextStats, so the caller can decide
// per page whether to keep the text layer or OCR the page instead. Poppler
// types stay in pdf_text.cc.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/raw_document.h"
#include "protokoll/status.h"

namespace poppler {
class document;
}

namespace protokoll {

// Caps so that a hostile file cannot make us hold unbounded memory.
struct PdfLimits {
  int max_pages = 5000;
  int max_words_per_page = 100000;
};

// Evidence about a page's text layer, for the OCR decision.
struct PageTextStats {
  int words = 0;
  int characters = 0;            // code points in all words
  int replacement_characters = 0;  // U+FFFD: glyphs Poppler could not map to Unicode
  int private_use_characters = 0;  // U+E000..U+F8FF and C0 controls: typical of broken glyph maps
  // Unknown through poppler-cpp (it does not expose page resources); the OCR
  // side can learn it from a rendering. nullopt means "not determined".
  std::optional<bool> has_images;

  // Share of characters that are U+FFFD, 0 when there are none.
  double replacement_share() const {
    return characters == 0 ? 0.0 : static_cast<double>(replacement_characters) / characters;
  }
};

struct PdfPageText {
  RawPage page;  // method kText, reason "text layer"
  PageTextStats stats;
  std::vector<RawWarning> warnings;  // e.g. the word cap was hit
};

// A word as Poppler gave it, before line grouping. `rotation` is the
// direction of the text in quarter turns (0: left to right).
struct PositionedWord {
  Word word;
  int rotation = 0;
};

// Groups words in Poppler's reading order (block by block, line by line)
// into lines: a word continues the current line when it has the same
// rotation, overlaps the line vertically by at least half its height and
// follows it at a gap of at most three font sizes. A new line gets a new
// block number when it jumps up, leaves a paragraph-sized vertical gap,
// starts outside the previous line's horizontal extent, or sits on the same
// row far to the right (a table cell or second column).
std::vector<RawLine> GroupWordsIntoLines(const std::vector<PositionedWord>& words);

// Removes a subset prefix ("ABCDEF+Calibri" -> "Calibri") and makes the name
// valid UTF-8 (Poppler does not promise an encoding for font names).
std::string CleanFontName(std::string_view name);

// Bold, Black, Heavy, Semibold, Demi(bold) in the name, case-insensitively.
bool IsBoldFontName(std::string_view name);

// True when the file's last 4 KiB hold a complete "startxref <offset> %%EOF",
// as every whole PDF ends (ISO 32000-1, 7.5.5). Poppler rebuilds a missing
// cross-reference table silently, so this is the evidence that a file was
// cut off.
bool HasTrailerAtEnd(std::string_view bytes);

// Poppler rebuilds a wrong cross-reference table as silently as a missing
// one. This checks the last one: that startxref points at a table (or an
// xref stream), and that the table's first 1000 objects in use start where
// it says ("12 0 obj"; entries "in use" at offset 0, a writer's quirk,
// are left out). Checked on 458 real PDFs: none flagged. Returns what is wrong, or "" when nothing is found
// wrong (also when there is no startxref: HasTrailerAtEnd tells that).
std::string CheckXrefTable(std::string_view bytes);

// Poppler 22.12 builds lcms2 colour transforms from the catalog's
// /OutputIntents ICC profile for every page it displays, text extraction
// included (Gfx::initDisplayProfile; no setting turns it off). On files
// with an output intent that is most of the extraction time. Text does not
// depend on colour, so the text path hides the key: every "/OutputIntents"
// in the raw bytes becomes the same-length "/OutputIntentX", which keeps all
// byte offsets (and so the xref table) valid. Keys inside compressed object
// streams are out of reach and keep the slow path. Returns whether any was
// renamed.
bool HideOutputIntents(std::string& bytes);

// A page tree whose /Count is impossible (/Count 2147483647 over one page)
// makes Poppler see no page at all. Every "/Count N" with N above the number
// of page objects written in the file ("/Type /Page") becomes that number,
// padded with spaces to the same length so that every byte offset holds.
// Returns how many were changed (0 when the file names no page objects,
// e.g. all are in compressed object streams).
int RepairPageCount(std::string& bytes);

class PdfTextDocument {
 public:
  // `bytes` must stay alive and unchanged while the document exists: Poppler
  // reads them in place. Errors: kDamagedPdf (Poppler cannot open it, or it
  // has no pages), kEncryptedPdf (a user password is needed), kTooLarge.
  // Poppler messages go to the caller's PopplerLogScope.
  static Result<std::unique_ptr<PdfTextDocument>> Open(std::string_view bytes);
  ~PdfTextDocument();
  PdfTextDocument(const PdfTextDocument&) = delete;
  PdfTextDocument& operator=(const PdfTextDocument&) = delete;

  int page_count() const { return page_count_; }

  // Set when the file was patched to be read at all (RepairPageCount): what
  // was wrong, for a document warning, and the bytes to render from.
  const std::string& repair_note() const { return repair_note_; }
  const std::string* repaired_bytes() const { return repair_note_.empty() ? nullptr : &repaired_bytes_; }

  // `index` is 0-based; the RawPage's number is index + 1. kPageFailed when
  // Poppler cannot load the page or throws while reading it.
  Result<PdfPageText> ExtractPage(int index, const PdfLimits& limits) const;

 private:
  PdfTextDocument() = default;
  std::string patched_bytes_;  // set when HideOutputIntents() changed something; Poppler reads it in place
  std::string repaired_bytes_;  // the input with its page count repaired; also read in place
  std::string repair_note_;
  std::unique_ptr<poppler::document> doc_;
  int page_count_ = 0;
};

}  // namespace protokoll
