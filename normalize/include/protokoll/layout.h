// normalize, stage 1: from positioned words to clean body lines. Running
// headers, footers and page labels are taken out of the body and put on the
// page records; everything else keeps its provenance (page, box).
#pragma once

#include <string>
#include <vector>

#include "protokoll/raw_document.h"
#include "protokoll/record.h"

namespace protokoll {

struct TextLine {
  std::string text;  // NormalizeLineText() of the words, single-spaced; may end in '-'
  int page = 0;
  Box box;
  double font_size = 0;  // dominant size of its words
  bool bold = false;     // most of its characters are in a bold font
  int block = 0;         // extractor's block id, unique across the document
  // Vertical white space above this line, in points; a large value at the top of a page.
  double gap_before = 0;
  bool first_on_page = false;
  // Read by OCR: font size is then only the line's height and boldness is unknown.
  bool ocr = false;

  // Where a wide gap (a tab stop, a table column) splits the printed line:
  // every cell after the first, by where its text starts in `text` (after
  // the single space that joins it) and on the page. Empty for ordinary lines.
  struct Cell {
    size_t offset = 0;
    double x0 = 0;
  };
  std::vector<Cell> cells;
  // A row of a table (three cells or more, or two whose break lines up with
  // a neighbouring line's): a paragraph of its own, never joined to prose.
  bool table_row = false;
  // Prose with one short cell far to its right (a "Föredragande/Ansvar"
  // column: "… begär inbetalning av      BG"): the last cell is a side note,
  // set apart from the sentence it sits beside.
  bool side_note = false;
};

struct LaidOutDocument {
  std::vector<PageRecord> pages;  // one per RawPage, with label/header/footer filled
  std::vector<TextLine> lines;    // body lines in reading order, across all pages
  double body_font_size = 0;      // the most common font size of body lines
  double body_left = 0;           // the most common left edge of body lines
};

// REQUIRES: raw.pages numbered 1..n in order.
LaidOutDocument LayOut(const RawDocument& raw);

// The text of page `page` (1-based) as read, before segmentation: its running
// header, then its body lines in reading order, one per line. What an OCR
// accuracy measure compares with a transcription (bench/ocr_cer.sh): item
// headings as printed ("Sak 1 - ", "Ad 1:"), not as the segmenter renames them.
std::string PageText(const LaidOutDocument& laid, int page);

}  // namespace protokoll
