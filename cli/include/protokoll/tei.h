// Parla-CLARIN / TEI XML for corpus tools, valid against the Parla-CLARIN
// RELAX NG schema (tests/data/parla-clarin.rng). Each document is a <TEI>
// inside one <teiCorpus>: the meeting's date, place, chair and secretary in
// settingDesc, every attendee and speaker a <person> whose xml:id is unique
// in the whole corpus, items as <div>, paragraphs as <u who="#id"> (or <p>
// when nobody is named), decisions as <note type="decision">, and page
// breaks as <pb n="…" facs="file#page=N"/>. Written with libxml2's
// xmlTextWriter, which escapes and nests; libxml2 stays in tei.cc.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "protokoll/record.h"
#include "protokoll/status.h"

namespace protokoll {

// Streams a <teiCorpus>: Begin, Add for each document, End. Output goes to
// `sink` piece by piece (at least once per document); when the sink returns
// false (a closed pipe) the call fails with kInvalidArgument. Nothing is
// written before Begin.
class TeiCorpusWriter {
 public:
  using Sink = std::function<bool(std::string_view)>;
  explicit TeiCorpusWriter(Sink sink);
  ~TeiCorpusWriter();
  TeiCorpusWriter(const TeiCorpusWriter&) = delete;
  TeiCorpusWriter& operator=(const TeiCorpusWriter&) = delete;

  Status Begin();
  Status Add(const Document& doc);
  // Closes every open element, so the output is well-formed even after a
  // failed Add.
  Status End();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One document as a standalone TEI file (a corpus of one), for tests and tools.
Result<std::string> DocumentToTei(const Document& doc);

// An xml:id part from a name: letters and digits, Nordic and other Latin
// letters folded to ASCII ("Åsa Öberg" -> "AsaOberg"); "" when none is left.
std::string TeiNamePart(std::string_view name);

}  // namespace protokoll
