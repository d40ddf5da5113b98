// Parla-CLARIN / TEI XML for corpus tools: items as <div>, paragraphs as <u>
// (with who= where a speaker is known) or <p>, page breaks as <pb n=…/>.
#pragma once

#include <string>

#include "protokoll/record.h"

namespace protokoll {

// One <TEI> element for a document (no XML declaration).
std::string DocumentToTei(const Document& doc);
// The opening and closing of a <teiCorpus> that holds many documents.
std::string TeiCorpusHeader();
std::string TeiCorpusFooter();

}  // namespace protokoll
