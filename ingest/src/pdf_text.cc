#include "pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <exception>
#include <string>

namespace protokoll {
namespace {

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// UTF-16 to UTF-8; a lone surrogate becomes U+FFFD. Counts into `stats`.
std::string Utf16ToUtf8(const poppler::ustring& s, PageTextStats& stats) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    uint32_t cp = s[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    ++stats.characters;
    if (cp == 0xFFFD) ++stats.replacement_characters;
    if ((cp >= 0xE000 && cp <= 0xF8FF) || cp < 0x20) ++stats.private_use_characters;
    AppendUtf8(out, cp);
  }
  return out;
}

// A box in a text-direction frame: `along` runs with the text, `across` down the lines.
struct Frame {
  double along0, along1, across0, across1;
};

Frame ToFrame(const Box& b, int rotation) {
  switch (rotation & 3) {
    case 1: return {b.y0, b.y1, -b.x1, -b.x0};   // text running down the page
    case 2: return {-b.x1, -b.x0, -b.y1, -b.y0};  // upside down
    case 3: return {-b.y1, -b.y0, b.x0, b.x1};    // text running up the page
    default: return {b.x0, b.x1, b.y0, b.y1};
  }
}

double VerticalOverlapRatio(const Frame& a, const Frame& b) {
  double overlap = std::min(a.across1, b.across1) - std::max(a.across0, b.across0);
  double smaller = std::min(a.across1 - a.across0, b.across1 - b.across0);
  if (smaller <= 0) return overlap >= 0 ? 1.0 : 0.0;
  return overlap / smaller;
}

bool ContainsNoCase(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != haystack.end();
}

int RotationDegrees(poppler::page::orientation_enum orientation) {
  switch (orientation) {
    case poppler::page::landscape: return 90;
    case poppler::page::upside_down: return 180;
    case poppler::page::seascape: return 270;
    case poppler::page::portrait: break;
  }
  return 0;
}

}  // namespace

std::string CleanFontName(std::string_view name) {
  if (name.size() > 7 && name[6] == '+' &&
      std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; }))
    name.remove_prefix(7);
  // Non-ASCII font names are rare and of unknown encoding; read them as Latin-1.
  std::string out;
  out.reserve(name.size());
  for (char c : name) AppendUtf8(out, static_cast<unsigned char>(c));
  return out;
}

bool HasTrailerAtEnd(std::string_view bytes) {
  constexpr size_t kTail = 4096;
  std::string_view tail = bytes.substr(bytes.size() > kTail ? bytes.size() - kTail : 0);
  size_t at = tail.rfind("startxref");
  if (at == std::string_view::npos) return false;
  size_t i = at + 9;
  auto skip_space = [&] {
    while (i < tail.size() && std::isspace(static_cast<unsigned char>(tail[i]))) ++i;
  };
  skip_space();
  size_t digits = i;
  while (i < tail.size() && std::isdigit(static_cast<unsigned char>(tail[i]))) ++i;
  if (i == digits) return false;
  skip_space();
  return tail.substr(i, 5) == "%%EOF";
}

namespace {

struct PdfScanner {
  std::string_view s;
  size_t i = 0;
  void SkipSpace() {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == '\0')) ++i;
  }
  bool Number(uint64_t& out) {
    const size_t start = i;
    out = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 18) out = out * 10 + (s[i++] - '0');
    return i > start;
  }
  bool Word(std::string_view w) {
    if (s.substr(i, w.size()) != w) return false;
    i += w.size();
    return true;
  }
};

// "<object> <generation> obj" at `offset`.
bool ObjectAt(std::string_view bytes, uint64_t offset, uint64_t object) {
  if (offset >= bytes.size()) return false;
  PdfScanner p{bytes, static_cast<size_t>(offset)};
  p.SkipSpace();
  uint64_t number = 0, generation = 0;
  if (!p.Number(number) || number != object) return false;
  p.SkipSpace();
  if (!p.Number(generation)) return false;
  p.SkipSpace();
  return p.Word("obj");
}

}  // namespace

std::string CheckXrefTable(std::string_view bytes) {
  constexpr size_t kTail = 4096;
  const size_t tail_start = bytes.size() > kTail ? bytes.size() - kTail : 0;
  const size_t at = bytes.substr(tail_start).rfind("startxref");
  if (at == std::string_view::npos) return "";
  PdfScanner p{bytes, tail_start + at + 9};
  p.SkipSpace();
  uint64_t offset = 0;
  if (!p.Number(offset)) return "";
  if (offset >= bytes.size()) return "startxref points past the end of the file";
  PdfScanner table{bytes, static_cast<size_t>(offset)};
  table.SkipSpace();
  if (!table.Word("xref")) {
    uint64_t object = 0;
    PdfScanner stream = table;
    if (stream.Number(object) && ObjectAt(bytes, table.i, object)) return "";  // an xref stream
    return "startxref does not point to a cross-reference table";
  }
  size_t checked = 0, wrong = 0, entries = 0;
  for (;;) {
    table.SkipSpace();
    uint64_t first = 0, count = 0;
    if (!table.Number(first)) break;  // "trailer" or damage: the sections end
    table.SkipSpace();
    if (!table.Number(count)) break;
    for (uint64_t k = 0; k < count && entries < 1'000'000; ++k, ++entries) {
      table.SkipSpace();
      uint64_t entry_offset = 0, generation = 0;
      if (!table.Number(entry_offset)) return "the cross-reference table is cut short";
      table.SkipSpace();
      table.Number(generation);
      table.SkipSpace();
      // Offset 0 "in use" is a known writer quirk (a free entry in effect), not damage.
      const bool in_use = table.i < bytes.size() && bytes[table.i] == 'n' && entry_offset != 0;
      ++table.i;
      if (!in_use || checked >= 1000) continue;
      ++checked;
      if (!ObjectAt(bytes, entry_offset, first + k)) ++wrong;
    }
  }
  if (wrong == 0) return "";
  return std::to_string(wrong) + " of " + std::to_string(checked) +
         " cross-reference entries checked point to the wrong place";
}

bool HideOutputIntents(std::string& bytes) {
  static constexpr std::string_view kKey = "/OutputIntents";
  bool changed = false;
  for (size_t at = bytes.find(kKey); at != std::string::npos; at = bytes.find(kKey, at + kKey.size())) {
    // Only the whole name: "/OutputIntentsX" is some other key.
    size_t end = at + kKey.size();
    unsigned char next = end < bytes.size() ? static_cast<unsigned char>(bytes[end]) : ' ';
    if (std::isalnum(next) || next == '#' || next == '_' || next == '-' || next == '.') continue;
    bytes[end - 1] = 'X';
    changed = true;
  }
  return changed;
}

int RepairPageCount(std::string& bytes) {
  size_t pages = 0;
  for (std::string_view key : {"/Type /Page", "/Type/Page"})
    for (size_t at = bytes.find(key); at != std::string::npos; at = bytes.find(key, at + key.size()))
      if (at + key.size() >= bytes.size() || !std::isalnum(static_cast<unsigned char>(bytes[at + key.size()])))
        ++pages;
  if (pages == 0) return 0;
  int changed = 0;
  static constexpr std::string_view kCount = "/Count";
  for (size_t at = bytes.find(kCount); at != std::string::npos; at = bytes.find(kCount, at + kCount.size())) {
    size_t digits = at + kCount.size();
    while (digits < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[digits]))) ++digits;
    size_t end = digits;
    while (end < bytes.size() && std::isdigit(static_cast<unsigned char>(bytes[end])) && end - digits < 19) ++end;
    if (end == digits) continue;
    const std::string number = std::to_string(pages);
    if (end - digits < number.size() || std::stoull(bytes.substr(digits, end - digits)) <= pages) continue;
    bytes.replace(digits, end - digits, number + std::string(end - digits - number.size(), ' '));
    ++changed;
  }
  return changed;
}

bool IsBoldFontName(std::string_view name) {
  if (ContainsNoCase(name, "bold") || ContainsNoCase(name, "black") || ContainsNoCase(name, "heavy"))
    return true;
  // "Demi" alone or as DemiBold is bold; DemiLight (Noto CJK) is not.
  return ContainsNoCase(name, "demi") && !ContainsNoCase(name, "demilight");
}

std::vector<RawLine> GroupWordsIntoLines(const std::vector<PositionedWord>& words) {
  std::vector<RawLine> lines;
  int block = 0;
  int line_rotation = 0;
  double line_font_size = 0;
  for (const PositionedWord& pw : words) {
    const Word& w = pw.word;
    Frame wf = ToFrame(w.box, pw.rotation);
    double em = std::max(w.font_size, w.box.height() > 0 ? w.box.height() : 1.0);
    bool new_block = lines.empty();
    if (!lines.empty()) {
      RawLine& line = lines.back();
      Frame lf = ToFrame(line.box, line_rotation);
      Frame prev = ToFrame(line.words.back().box, line_rotation);
      double gap = wf.along0 - prev.along1;
      double line_em = std::max(em, line_font_size);
      bool same_row = pw.rotation == line_rotation && VerticalOverlapRatio(lf, wf) >= 0.5;
      if (same_row && gap > -0.5 * line_em && gap <= 3 * line_em) {
        line.words.push_back(w);
        line.box = line.box.Union(w.box);
        line_font_size = std::max(line_font_size, w.font_size);
        continue;
      }
      double line_height = lf.across1 - lf.across0;
      double vertical_gap = wf.across0 - lf.across1;
      new_block = pw.rotation != line_rotation ||
                  same_row ||                                       // far right on the same row
                  wf.across0 < lf.across0 - 0.5 * line_height ||    // jumped up: next column or block
                  vertical_gap > 0.7 * std::max(line_height, wf.across1 - wf.across0) ||
                  wf.along0 > lf.along1 ||                          // starts right of the line above
                  wf.along1 < lf.along0;                            // ends left of it
    }
    if (new_block && !lines.empty()) ++block;
    RawLine line;
    line.block = block;
    line.words.push_back(w);
    line.box = w.box;
    lines.push_back(std::move(line));
    line_rotation = pw.rotation;
    line_font_size = w.font_size;
  }
  return lines;
}

PdfTextDocument::~PdfTextDocument() = default;

Result<std::unique_ptr<PdfTextDocument>> PdfTextDocument::Open(std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return Status(ErrorCode::kTooLarge, "PDF larger than 2 GiB");
  try {
    std::unique_ptr<PdfTextDocument> result(new PdfTextDocument());
    if (bytes.find("/OutputIntents") != std::string_view::npos) {
      result->patched_bytes_ = std::string(bytes);
      if (HideOutputIntents(result->patched_bytes_)) bytes = result->patched_bytes_;
      else result->patched_bytes_.clear();
    }
    result->doc_.reset(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!result->doc_) return Status(ErrorCode::kDamagedPdf, "Poppler cannot open the PDF");
    if (result->doc_->is_locked()) return Status(ErrorCode::kEncryptedPdf, "the PDF needs a password to open");
    result->page_count_ = result->doc_->pages();
    if (result->page_count_ <= 0) {
      // An impossible page count hides the real pages (issue 13): patched, read again.
      result->repaired_bytes_ = std::string(bytes);
      if (RepairPageCount(result->repaired_bytes_) > 0) {
        result->doc_.reset(poppler::document::load_from_raw_data(result->repaired_bytes_.data(),
                                                                 static_cast<int>(result->repaired_bytes_.size())));
        result->page_count_ = result->doc_ && !result->doc_->is_locked() ? result->doc_->pages() : 0;
        if (result->page_count_ > 0)
          result->repair_note_ = "the page tree's /Count is impossible; the " +
                                 std::to_string(result->page_count_) + " page(s) found were read";
      }
    }
    if (result->page_count_ <= 0) return Status(ErrorCode::kDamagedPdf, "the PDF has no readable pages");
    return result;
  } catch (const std::exception& e) {
    return Status(ErrorCode::kDamagedPdf, std::string("Poppler failed to open the PDF: ") + e.what());
  } catch (...) {
    return Status(ErrorCode::kDamagedPdf, "Poppler failed to open the PDF");
  }
}

Result<PdfPageText> PdfTextDocument::ExtractPage(int index, const PdfLimits& limits) const {
  const int number = index + 1;
  const std::string where = "page " + std::to_string(number) + ": ";
  try {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    if (!page) return Status(ErrorCode::kPageFailed, where + "Poppler cannot load the page");

    PdfPageText result;
    RawPage& raw = result.page;
    raw.number = number;
    raw.rotation = RotationDegrees(page->orientation());
    // text_list() measures from the crop box's top-left corner after rotation.
    poppler::rectf crop = page->page_rect(poppler::crop_box);
    bool sideways = raw.rotation == 90 || raw.rotation == 270;
    raw.width = sideways ? crop.height() : crop.width();
    raw.height = sideways ? crop.width() : crop.height();
    raw.method = PageMethod::kText;
    raw.method_reason = "text_layer";

    std::vector<poppler::text_box> boxes = page->text_list(poppler::page::text_list_include_font);
    std::vector<PositionedWord> words;
    words.reserve(std::min<size_t>(boxes.size(), static_cast<size_t>(limits.max_words_per_page)));
    for (const poppler::text_box& box : boxes) {
      if (static_cast<int>(words.size()) >= limits.max_words_per_page) {
        result.warnings.push_back({ErrorCode::kPageFailed, number,
                                   where + "more than " + std::to_string(limits.max_words_per_page) +
                                       " words; the rest of the page was dropped"});
        break;
      }
      PositionedWord pw;
      pw.word.text = Utf16ToUtf8(box.text(), result.stats);
      if (pw.word.text.empty()) continue;
      poppler::rectf r = box.bbox();
      pw.word.box = Box{r.left(), r.top(), r.right(), r.bottom()};
      if (box.has_font_info()) {
        pw.word.font = CleanFontName(box.get_font_name(0));
        pw.word.font_size = box.get_font_size();
        pw.word.bold = IsBoldFontName(pw.word.font);
      }
      pw.word.space_after = box.has_space_after();
      pw.rotation = box.rotation();
      ++result.stats.words;
      words.push_back(std::move(pw));
    }
    raw.lines = GroupWordsIntoLines(words);
    return result;
  } catch (const std::exception& e) {
    return Status(ErrorCode::kPageFailed, where + "Poppler failed: " + e.what());
  } catch (...) {
    return Status(ErrorCode::kPageFailed, where + "Poppler failed");
  }
}

}  // namespace protokoll
