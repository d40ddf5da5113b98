// A fallback language guess from the word lists when the language stage gave
// none (plain text too short for the identifier, a build without it): the
// language whose field labels, markers and verbs the lines use most.
#pragma once

#include <span>
#include <string>

#include "protokoll/layout.h"

namespace protokoll::reader {

// ISO 639-1 code, "" when no list matches anything.
std::string GuessLanguageFromWords(std::span<const TextLine> lines);

}  // namespace protokoll::reader
