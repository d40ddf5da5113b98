#include "protokoll/paragraphs.h"

#include <algorithm>
#include <optional>
#include <set>
#include <array>
#include <cctype>

#include "protokoll/text.h"

namespace protokoll {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// A line that ends in a break hyphen (a soft hyphen counts; an en dash does not).
bool EndsWithBreakHyphen(std::string_view text) {
  return EndsWith(text, "-") || EndsWith(text, kSoftHyphen);
}

bool IsAsciiPunct(char c) { return std::ispunct(static_cast<unsigned char>(c)) && c != '-'; }

// Splits a token into its word core and trailing punctuation: "acitet," -> "acitet" + ",".
void SplitTrailingPunct(std::string_view token, std::string_view& core, std::string_view& tail) {
  size_t end = token.size();
  while (end > 0) {
    unsigned char c = static_cast<unsigned char>(token[end - 1]);
    if (c < 0x80 && IsAsciiPunct(static_cast<char>(c))) {
      --end;
      continue;
    }
    // Closing quotes ” and ’ (E2 80 9D / E2 80 99).
    if (end >= 3 && token[end - 3] == '\xE2' && token[end - 2] == '\x80' &&
        (token[end - 1] == '\x9D' || token[end - 1] == '\x99')) {
      end -= 3;
      continue;
    }
    break;
  }
  core = token.substr(0, end);
  tail = token.substr(end);
}

// Leading punctuation such as "(" or quotes, kept in the text but not in the word.
size_t LeadingPunctLength(std::string_view token) {
  size_t i = 0;
  while (i < token.size()) {
    unsigned char c = static_cast<unsigned char>(token[i]);
    if (c < 0x80 && IsAsciiPunct(static_cast<char>(c))) {
      ++i;
    } else if (i + 2 < token.size() && token[i] == '\xE2' && token[i + 1] == '\x80' &&
               (token[i + 2] == '\x9C' || token[i + 2] == '\x9D' || token[i + 2] == '\x98')) {
      i += 3;
    } else {
      break;
    }
  }
  return i;
}

bool HasDigitOrSlash(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '/'; });
}

// First code point of a UTF-8 string is upper case (ASCII or Latin-1 supplement / Latin Extended-A).
bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  std::string first_char(s.substr(0, (static_cast<unsigned char>(s[0]) < 0x80) ? 1 : 2));
  return ToLower(first_char) != first_char;
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// At least two letters and no lower-case ones ("ASIH", "EU", "THURS"; not "Sö").
bool IsAllUpperWord(std::string_view s) {
  if (CodePoints(s) < 2) return false;
  return ToUpper(s) == s && ToLower(s) != s;
}

// Words after which a line-end hyphen is a compound ellipsis: "hälso- och
// sjukvård". Strong connectors never end a word, so they decide before the
// dictionary; weak ones also end real words ("lik-|som", "kvin-|nor") and
// decide only when the dictionary does not know the joined word.
bool IsStrongConnector(std::string_view word) {
  static constexpr std::array<std::string_view, 14> kStrong{"och", "eller", "samt", "respektive", "resp", "resp.", "and",
                                                           "or", "og", "ja", "tai", "sekä", "und", "oder"};
  std::string lower = ToLower(word);
  return std::find(kStrong.begin(), kStrong.end(), lower) != kStrong.end();
}

// Whether `word` joins the halves of a compound ellipsis in `language`
// ("hälso- och", "Ein- und"): "samt" does in Swedish and Danish but is a
// word's ending in German ("insge-|samt"). Unknown languages: every connector.
bool IsConnectorIn(std::string_view word, std::string_view language) {
  struct Entry {
    std::string_view word, languages;
  };
  static constexpr std::array<Entry, 14> kConnectors{{{"och", "sv"}, {"eller", "sv da nb nn"}, {"samt", "sv da nb nn"},
                                                      {"respektive", "sv da nb nn"}, {"resp", "sv da nb nn"},
                                                      {"resp.", "sv da nb nn"}, {"and", "en"}, {"or", "en"},
                                                      {"og", "da nb nn"}, {"ja", "fi"}, {"tai", "fi"}, {"sekä", "fi"},
                                                      {"und", "de"}, {"oder", "de"}}};
  const std::string lower = ToLower(word);
  for (const Entry& e : kConnectors)
    if (e.word == lower) return language.empty() || e.languages.find(language) != std::string_view::npos;
  return false;
}

// A syllable has a vowel, so a two-letter stem without one ("lp", "tv") is
// an abbreviation, never a typesetter's fragment: Finnish "lp-|alueen".
// (Longer ones are left alone: broken text layers drop vowels, "fns-|ka".)
bool HasVowel(std::string_view s) {
  static constexpr std::array<std::string_view, 20> kVowels{"a", "e", "i", "o", "u", "y", "å", "ä", "ö", "æ",
                                                           "ø", "ü", "é", "è", "á", "à", "í", "ó", "ú", "â"};
  const std::string lower = ToLower(s);
  for (auto v : kVowels)
    if (lower.find(v) != std::string::npos) return true;
  return false;
}

// Languages that write a compound of two words as one ("kompetensförsörjning",
// "Makerspace"): a hyphen between two whole words at a line end is a break
// there, not the author's, unless other evidence says so.
bool WritesCompoundsSolid(std::string_view language) {
  static constexpr std::array<std::string_view, 9> kSolid{"sv", "da", "nb", "nn", "no", "de", "fi", "nl", "is"};
  return language.empty() || std::find(kSolid.begin(), kSolid.end(), language) != kSolid.end();
}

bool IsEllipsisConnector(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kWeak{"som", "till", "men", "liksom", "kontra", "nor", "to"};
  std::string lower = ToLower(word);
  return IsStrongConnector(word) || std::find(kWeak.begin(), kWeak.end(), lower) != kWeak.end();
}

// "TyHy", "UngiAarhus": a capital after the first letter marks a name or an abbreviation.
bool HasInnerCapital(std::string_view word) {
  for (size_t i = 1; i < word.size(); ++i)
    if (std::isupper(static_cast<unsigned char>(word[i]))) return true;
  return false;
}

// The last code point of `a` and the first of `b` are the same vowel.
bool SameVowelAtJoint(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  size_t start = a.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(a[start]) & 0xC0) == 0x80) --start;
  std::string last = ToLower(a.substr(start));
  size_t len = (static_cast<unsigned char>(b[0]) < 0x80) ? 1 : 2;
  std::string first = ToLower(b.substr(0, len));
  static constexpr std::array<std::string_view, 8> kVowels{"a", "e", "i", "o", "u", "y", "ä", "ö"};
  return last == first && std::find(kVowels.begin(), kVowels.end(), last) != kVowels.end();
}

bool IsFinnishMonthStem(std::string_view stem) {
  static constexpr std::array<std::string_view, 12> kMonths{"tammi", "helmi", "maalis", "huhti", "touko", "kesä",
                                                            "heinä", "elo", "syys", "loka", "marras", "joulu"};
  std::string lower = ToLower(stem);
  return std::find(kMonths.begin(), kMonths.end(), lower) != kMonths.end();
}

// Prefixes printed with a hyphen before a whole word: English "non-profit",
// "self-assessment"; Danish and Norwegian "ikke-kommunale" (ikke- is always
// written with its hyphen).
bool IsHyphenPrefix(std::string_view stem) {
  static constexpr std::array<std::string_view, 6> kPrefixes{"non", "self", "cross", "well", "anti", "ikke"};
  std::string lower = ToLower(stem);
  return std::find(kPrefixes.begin(), kPrefixes.end(), lower) != kPrefixes.end();
}

// Known in the text's language or in English. Swedish and English text, and
// text in a language without a dictionary, are judged by both as they always
// were; a Danish text is not, so that a Swedish word cannot join a Danish break.
bool Known(const HyphenationContext& context, std::string_view word) {
  const Dictionary* dict = context.dictionary;
  if (dict == nullptr) return false;
  const std::string& language = context.language;
  if (!language.empty() && language != "sv" && language != "en" && dict->HasLanguage(language))
    return dict->KnowsIn(word, language) || dict->KnowsIn(word, "en");
  return dict->Knows(word);
}

bool Contains(const std::vector<std::string>* sorted, const std::string& word) {
  return sorted && std::binary_search(sorted->begin(), sorted->end(), word);
}

HyphenRepair Keep(HyphenRepair r, std::string_view left, std::string_view right, bool space, const char* rule) {
  r.result = std::string(left) + (space ? " " : "") + std::string(right);
  r.rule = rule;
  r.joined = false;
  return r;
}

HyphenRepair Join(HyphenRepair r, std::string_view stem, std::string_view right, std::string_view rule) {
  r.result = std::string(stem) + std::string(right);
  r.rule = rule;
  r.joined = true;
  return r;
}

bool IsBulletStart(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kBullets{"•", "◦", "▪", "‣", "●", "○", "■", "□", "➢", "►", "–", "—"};
  for (auto b : kBullets)
    if (StartsWith(text, b)) return true;
  if (text.size() >= 2 && (text[0] == '-' || text[0] == '*' || text[0] == 'o') && text[1] == ' ') return true;
  // Numbered points: "3. För", "12) Text", "a) text", "(2) text".
  size_t i = text[0] == '(' ? 1 : 0, digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  if (digits == 0 && i < text.size() && std::islower(static_cast<unsigned char>(text[i]))) ++i, digits = 1;
  if (digits == 0 || digits > 2 || i + 1 >= text.size()) return false;
  return (text[i] == '.' || text[i] == ')') && text[i + 1] == ' ';
}

bool EndsSentence(std::string_view text) {
  std::string_view core, tail;
  SplitTrailingPunct(text, core, tail);
  return tail.find_first_of(".!?:") != std::string_view::npos;
}

bool StartsLower(std::string_view text) {
  if (text.empty()) return false;
  std::string first(text.substr(0, (static_cast<unsigned char>(text[0]) < 0x80) ? 1 : 2));
  return ToLower(first) == first && first != std::string(1, '(') && !std::isdigit(static_cast<unsigned char>(first[0])) &&
         std::string_view(first) != "\xE2";
}

// A line ending in a preposition, conjunction or article ("… ska
// områdesansvaret för", "… and the") has the rest of its sentence to come: no
// paragraph ends there, whatever white space follows (extracted text often
// has blank lines inside sentences).
bool EndsMidSentence(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const size_t space = text.rfind(' ');
  const std::string last = ToLower(std::string(space == std::string_view::npos ? text : text.substr(space + 1)));
  static const std::set<std::string> kConnectives = {
      "och", "eller", "samt", "att", "för", "av", "på", "med", "till", "som", "om", "från", "hos", "mot",
      "under", "vid", "än", "men", "den", "det", "de", "en", "ett", "the", "and", "of", "to", "for", "in",
      "with", "a", "an", "or", "by", "that", "og", "af", "til", "ja", "sekä", "mellan", "enligt", "genom",
      "utan", "efter", "inom", "över", "per", "bland", "inför", "kring", "trots", "on", "at", "from",
      "between", "into", "is", "are", "be"};
  return kConnectives.count(last) > 0;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

}  // namespace

HyphenRepair DecideLineEndHyphen(std::string_view left, std::string_view right, const HyphenationContext& context,
                                 std::string_view previous) {
  HyphenRepair r;
  r.original = std::string(left) + "|" + std::string(right);
  const bool soft = EndsWith(left, kSoftHyphen);
  std::string_view stem = left.substr(0, left.size() - (soft ? kSoftHyphen.size() : 1));
  std::string_view core, tail;
  SplitTrailingPunct(right, core, tail);
  const std::string_view prefix = stem.substr(0, LeadingPunctLength(stem));
  const std::string_view word_stem = stem.substr(prefix.size());
  const Dictionary* dict = context.dictionary;

  if (soft) return Join(r, stem, right, "soft_hyphen");
  if (stem.empty()) {
    // A hyphen standing alone at the end of the line.
    if (IsEllipsisConnector(previous)) return Keep(r, left, right, false, "suffix_ellipsis_keep");  // "tai -velvollisuus"
    const bool starts_with_letter =
        !core.empty() && (std::isalpha(static_cast<unsigned char>(core[0])) || static_cast<unsigned char>(core[0]) >= 0x80);
    const bool previous_is_fragment =
        !previous.empty() && (std::isalpha(static_cast<unsigned char>(previous.back())) ||
                              static_cast<unsigned char>(previous.back()) >= 0x80);
    // "på -|verkar" is a break hyphen set apart, "program -|delay" a dash:
    // the word before must be a fragment, or the two must make a word.
    const std::string spaced_joined = std::string(previous) + std::string(core);
    const bool joins_a_word = Known(context, spaced_joined) || Contains(context.document_words, ToLower(spaced_joined));
    if (previous_is_fragment && starts_with_letter && StartsLower(core) && (!Known(context, previous) || joins_a_word))
      return Join(r, "", right, "spaced_hyphen_join");
    return Keep(r, left, right, true, "dash");  // "17.06 -|17.20"
  }
  if (!stem.empty() && stem.find_first_not_of('-') == std::string_view::npos)
    return Keep(r, left, right, true, "dash");  // "--|the": a dash typed as two hyphens
  if (word_stem.empty()) return Keep(r, left, right, false, "symbol_keep");  // "%-|yksikköä"
  if (HasDigitOrSlash(word_stem)) return Keep(r, left, right, false, "code_keep");
  const bool upper_stem = IsAllUpperWord(word_stem);
  const bool upper_core = IsAllUpperWord(core);
  if (upper_stem && !upper_core && !core.empty()) return Keep(r, left, right, false, "code_keep");  // "ASIH-|kapacitet"
  if (CodePoints(word_stem) == 1) return Keep(r, left, right, false, "single_letter_keep");
  if (CodePoints(word_stem) == 2 && !HasVowel(word_stem)) return Keep(r, left, right, false, "abbreviation_keep");
  if (core.empty() || std::isdigit(static_cast<unsigned char>(core[0]))) return Keep(r, left, right, false, "digit_keep");

  // A word the dictionary knows whole was broken by the typesetter, whatever
  // its parts look like ("lik-|som", "kvin-|nor", "THURS-|DAY").
  const std::string joined = std::string(word_stem) + std::string(core);
  const size_t last_hyphen = word_stem.find_last_of('-');
  const std::string last_piece =
      std::string(last_hyphen == std::string_view::npos ? word_stem : word_stem.substr(last_hyphen + 1)) + std::string(core);
  // "hälso-|samt", never "hälsosamt"; but German "insge-|samt" is one word.
  const bool connector_elsewhere = !context.language.empty() && !IsConnectorIn(core, context.language) &&
                                   dict != nullptr && dict->HasLanguage(context.language) &&
                                   dict->KnowsIn(joined, context.language);
  if (IsStrongConnector(core) && !connector_elsewhere) return Keep(r, left, right, true, "ellipsis_keep");
  // Prefixes printed with a hyphen before a whole word: "non-profit", "ikke-kommunale".
  if (IsHyphenPrefix(word_stem) && Known(context, core)) return Keep(r, left, right, false, "prefix_keep");
  // A capital straight after "og"/"and" cannot start a sentence: it ends a
  // name of several words, which takes a hyphen before a common word
  // ("Børn og Unge-|udvalget") where compounds are written solid. Not in
  // German, which capitalises every noun.
  if (StartsUpper(word_stem) && !upper_stem && StartsLower(core) && context.language != "de" &&
      !context.language.empty() && WritesCompoundsSolid(context.language) && IsConnectorIn(previous, context.language) &&
      Known(context, word_stem) && Known(context, core))
    return Keep(r, left, right, false, "name_group_keep");
  // A document whose typesetter never broke a word, in a language that
  // writes compounds open or hyphenated: every hyphen is the author's.
  if (context.author_hyphens_only && !WritesCompoundsSolid(context.language) && CodePoints(core) >= 2)
    return Keep(r, left, right, false, "author_hyphen_keep");
  if (Known(context, joined) || (last_hyphen != std::string_view::npos && Known(context, last_piece)))
    return Join(r, stem, right, "dictionary_join");
  if (IsEllipsisConnector(core) && !connector_elsewhere) return Keep(r, left, right, true, "ellipsis_keep");  // "hälso-|och"
  // "pay-by-|plate", "Lapua–Kauhava-|aluevaraus…": the word already has hyphens.
  if (last_hyphen != std::string_view::npos || word_stem.find("\xE2\x80\x93") != std::string_view::npos)
    return Keep(r, left, right, false, "compound_keep");
  if (StartsUpper(core) && !upper_core) return Keep(r, left, right, false, "capital_keep");
  if (HasInnerCapital(word_stem) && !upper_stem) return Keep(r, left, right, false, "name_keep");  // "TyHy-|verksamhet"
  // Finnish writes a hyphen where a vowel meets itself: "piha-|alueiden", "hallinto-|oikeus".
  if (SameVowelAtJoint(word_stem, core)) return Keep(r, left, right, false, "vowel_keep");
  if (Contains(context.document_words, ToLower(joined))) return Join(r, stem, right, "document_join");
  if (Contains(context.document_words, ToLower(std::string(word_stem) + "-" + std::string(core))))
    return Keep(r, left, right, false, "document_keep");
  // Finnish month ranges elide the shared "kuu": "touko-|kesäkuussa" (May–June).
  if (IsFinnishMonthStem(word_stem) && ToLower(core).find("kuu") != std::string::npos)
    return Keep(r, left, right, false, "month_range_keep");
  // Two whole English words the dictionary does not know as one: "long-term", "full-time".
  if (dict && !(context.language != "en" && WritesCompoundsSolid(context.language) && dict->HasLanguage(context.language)) &&
      CodePoints(word_stem) >= 4 && CodePoints(core) >= 4 && dict->KnowsIn(word_stem, "en") && dict->KnowsIn(core, "en"))
    return Keep(r, left, right, false, "parts_keep");
  // Undecided: in running text nearly every line-end hyphen before a lower-case
  // word is a break (4,445 of 4,642 in the corpus), and the real ones were caught above.
  return Join(r, stem, right, kUndecidedHyphenRule);
}

bool OnlyAuthorHyphens(std::span<const TextLine> lines, const HyphenationContext& context) {
  size_t between_letters = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const std::string& a = lines[i].text;
    if (!EndsWith(a, "-")) continue;  // a soft hyphen is a break by definition, and decided as one
    std::string_view left(a);
    left = left.substr(left.rfind(' ') == std::string_view::npos ? 0 : left.rfind(' ') + 1);
    std::string_view right(lines[i + 1].text);
    right = right.substr(0, right.find(' '));
    std::string_view stem = left.substr(0, left.size() - 1), core, tail;
    stem.remove_prefix(LeadingPunctLength(stem));
    SplitTrailingPunct(right, core, tail);
    const auto letters = [](std::string_view s) {
      return CodePoints(s) >= 2 && std::none_of(s.begin(), s.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '/' || c == '.';
             });
    };
    if (!letters(stem) || !letters(core)) continue;
    ++between_letters;
    const std::string joined = std::string(stem) + std::string(core);
    const bool whole = Known(context, joined) || Contains(context.document_words, ToLower(joined));
    if (whole && !Known(context, stem) && !Known(context, core)) return false;  // a typesetter's break
  }
  return between_letters > 0;
}

std::vector<std::string> CollectDocumentWords(std::span<const TextLine> lines) {
  std::vector<std::string> words;
  for (const auto& line : lines) {
    std::string_view text = line.text;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view token = text.substr(pos, end - pos);
      pos = end + 1;
      if (end == text.size() && EndsWithBreakHyphen(token)) continue;  // a fragment, not a word
      token.remove_prefix(LeadingPunctLength(token));
      std::string_view core, tail;
      SplitTrailingPunct(token, core, tail);
      if (CodePoints(core) >= 2) words.push_back(ToLower(core));
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// Two words or more of letters, none of them in lower case.
static bool LineInCapitals(std::string_view text) {
  const std::string upper = ToUpper(text);
  return upper == text && ToLower(text) != upper && text.find(' ') != std::string_view::npos;
}

std::vector<Paragraph> BuildParagraphs(std::span<const TextLine> lines, const HyphenationContext& context) {
  std::vector<Paragraph> out;
  if (lines.empty()) return out;

  // Paragraph gaps are measured as line pitch (top to top), which OCR boxes
  // with their varying ascenders and descenders keep far better than gaps.
  std::vector<double> pitches;
  double right_edge = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    right_edge = std::max(right_edge, lines[i].box.x1);
    if (i == 0 || lines[i].first_on_page || lines[i].page != lines[i - 1].page) continue;
    double pitch = lines[i].box.y0 - lines[i - 1].box.y0;
    if (pitch > 0) pitches.push_back(pitch);
  }

  // The run's own median pitch; a short run falls back on the usual leading.
  const double run_pitch = pitches.size() >= 3 ? Median(pitches) : 0;
  auto typical_pitch = [&](double size) { return run_pitch > 0 ? run_pitch : 1.3 * size; };

  const TextLine* prev = nullptr;
  double paragraph_x0 = 0;
  bool paragraph_is_bullet = false;
  TextLine prev_storage;  // the previous line without its side note
  // Side notes wait until the paragraph they stand beside has ended.
  std::vector<Paragraph> notes;
  auto flush_notes = [&] {
    for (auto& note : notes) out.push_back(std::move(note));
    notes.clear();
  };
  for (const auto& original : lines) {
    TextLine line_storage;
    const TextLine* line_ptr = &original;
    std::optional<Paragraph> note;
    // A caller may have edited the text after LayOut: then the cell's offset no longer fits it.
    if (original.side_note && original.cells.size() == 1 && original.cells.front().offset > 0 &&
        original.cells.front().offset < original.text.size()) {
      const TextLine::Cell cell = original.cells.front();
      note.emplace();
      note->text = original.text.substr(cell.offset);
      note->page = original.page;
      note->bbox = Box{cell.x0, original.box.y0, original.box.x1, original.box.y1};
      line_storage = original;
      line_storage.text.resize(cell.offset > 0 ? cell.offset - 1 : 0);
      line_storage.box.x1 = std::max(line_storage.box.x0, cell.x0 - 1);
      line_storage.cells.clear();
      line_ptr = &line_storage;
    }
    const TextLine& line = *line_ptr;
    bool start = prev == nullptr;
    if (!start) {
      const double size = std::max(line.font_size, 6.0);
      const bool prev_hyphen = EndsWithBreakHyphen(prev->text);
      if (IsBulletStart(line.text) || ((line.table_row || prev->table_row) && !prev_hyphen)) {
        start = true;  // a table's row stands alone
      } else if (EndsMidSentence(prev->text) && !IsBulletStart(line.text) && !line.table_row && !prev->table_row) {
        start = false;  // the sentence goes on
      } else if (EndsSentence(prev->text) && LineInCapitals(line.text)) {
        start = true;  // a heading in capitals after a finished sentence ("INDSTILLING FRA FORVALTNINGEN")
      } else if (line.first_on_page) {
        // A sentence cut by a page break stays one paragraph.
        start = !(prev_hyphen || !EndsSentence(prev->text) || StartsLower(line.text));
      } else if (!line.ocr && !prev->ocr &&
                 (std::abs(line.font_size - prev->font_size) >= 1.0 || line.bold != prev->bold)) {
        start = true;
      } else if (line.box.y0 - prev->box.y0 > 1.35 * typical_pitch(size)) {
        // A gap after an unfinished sentence before a lower-case word is
        // loose spacing inside a paragraph, not a paragraph break.
        start = prev_hyphen ? false : (EndsSentence(prev->text) || !StartsLower(line.text));
      } else if (paragraph_is_bullet && line.box.x0 <= paragraph_x0 + 2 && !prev_hyphen &&
                 (EndsSentence(prev->text) || !StartsLower(line.text))) {
        start = true;  // back at the bullet's margin with a new sentence: the list item has ended
      } else if (EndsSentence(prev->text) && !prev_hyphen &&
                 (prev->box.x1 < right_edge - std::max(3.0 * size, 0.12 * (right_edge - prev->box.x0)) ||
                  line.box.x0 > prev->box.x0 + 1.5 * size)) {
        start = true;  // a short last line, or a first-line indent
      }
    }

    if (start) {
      flush_notes();
      Paragraph p;
      p.text = line.text;
      p.page = line.page;
      p.bbox = line.box;
      paragraph_x0 = line.box.x0;
      paragraph_is_bullet = IsBulletStart(line.text);
      out.push_back(std::move(p));
    } else {
      Paragraph& p = out.back();
      if (line.page == p.page) p.bbox = p.bbox.Union(line.box);
      if (EndsWithBreakHyphen(p.text)) {
        size_t left_start = p.text.rfind(' ');
        left_start = left_start == std::string::npos ? 0 : left_start + 1;
        std::string left = p.text.substr(left_start);
        size_t right_end = line.text.find(' ');
        std::string right = line.text.substr(0, right_end);
        std::string previous;
        if (left_start >= 2) {
          size_t prev_start = p.text.rfind(' ', left_start - 2);
          prev_start = prev_start == std::string::npos ? 0 : prev_start + 1;
          previous = p.text.substr(prev_start, left_start - 1 - prev_start);
        }
        HyphenRepair repair = DecideLineEndHyphen(left, right, context, previous);
        p.text.resize(left_start);
        if (repair.rule == "spaced_hyphen_join" && !p.text.empty() && p.text.back() == ' ') p.text.pop_back();
        p.text += repair.result;
        if (right_end != std::string::npos) p.text += line.text.substr(right_end);
        p.repairs.push_back(std::move(repair));
      } else {
        p.text += ' ';
        p.text += line.text;
      }
    }
    if (note) notes.push_back(std::move(*note));
    if (line_ptr == &line_storage) {
      prev_storage = std::move(line_storage);
      prev = &prev_storage;
    } else {
      prev = &original;
    }
  }
  flush_notes();
  // A soft hyphen left at the very end of a paragraph has nothing to join.
  for (auto& p : out)
    if (EndsWith(p.text, kSoftHyphen)) p.text.resize(p.text.size() - kSoftHyphen.size());
  return out;
}

}  // namespace protokoll
