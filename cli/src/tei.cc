#include "protokoll/tei.h"

#include <libxml/xmlwriter.h>

#include <algorithm>
#include <map>
#include <set>

#include "protokoll/dates.h"

namespace protokoll {
namespace {

constexpr const char* kTeiNs = "http://www.tei-c.org/ns/1.0";

// ASCII for U+00C0..U+00FF ("" for × and ÷).
constexpr const char* kLatin1Fold[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", "",  "O", "U", "U", "U", "U", "Y", "TH", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// XML 1.0 allows no C0 control but tab, LF and CR.
std::string XmlText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
  return out;
}

// A URI reference for a file name: unreserved characters as they are, the rest percent-encoded.
std::string UriEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// `letter` and the first `digits` of a document id: an xml:id must start with a letter.
// (Built by appending: GCC 12 warns wrongly on "p" + std::string here.)
std::string IdPart(char letter, const std::string& id, size_t digits) {
  std::string out(1, letter);
  out.append(id, 0, std::min(digits, id.size()));
  return out;
}

// Every person of one document: attendees, then other speakers, then the
// chair and the secretary; xml:ids "<doc>.<Name>", unique in the corpus because <doc> is the
// document's id.
class Persons {
 public:
  explicit Persons(const Document& doc) : prefix_(IdPart('p', doc.id, 12) + '.') {
    for (const auto& a : doc.attendees) Add(a.name, &a);
    auto speakers = [&](const std::vector<Paragraph>& ps) {
      for (const auto& p : ps)
        if (p.speaker) Add(*p.speaker, nullptr);
    };
    speakers(doc.preamble);
    for (const auto& item : doc.items) speakers(item.paragraphs);
    if (doc.metadata.chair) Add(*doc.metadata.chair, nullptr);
    if (doc.metadata.secretary) Add(*doc.metadata.secretary, nullptr);
  }
  struct Entry {
    std::string name, id;
    const Attendee* attendee;
  };
  const std::vector<Entry>& entries() const { return entries_; }
  // "#id" for a declared name.
  std::string Pointer(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? "" : "#" + entries_[it->second].id;
  }

 private:
  void Add(const std::string& name, const Attendee* attendee) {
    if (name.empty() || by_name_.count(name)) return;
    std::string base = TeiNamePart(name);
    if (base.empty()) base = "person";
    std::string id = prefix_ + base;
    for (int n = 2; used_.count(id); ++n) id = prefix_ + base + "-" + std::to_string(n);
    used_.insert(id);
    by_name_[name] = entries_.size();
    entries_.push_back(Entry{name, id, attendee});
  }

  std::string prefix_;
  std::vector<Entry> entries_;
  std::map<std::string, size_t> by_name_;
  std::set<std::string> used_;
};

}  // namespace

std::string TeiNamePart(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(c);
      ++i;
    } else if ((c == 0xC3) && i + 1 < name.size()) {  // U+00C0..U+00FF
      out += kLatin1Fold[static_cast<unsigned char>(name[i + 1]) & 0x3F];
      i += 2;
    } else {
      ++i;  // any other byte: dropped (continuation bytes too)
    }
  }
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(out.begin(), 'n');
  return out;
}

struct TeiCorpusWriter::Impl {
  Sink sink;
  xmlBufferPtr buffer = nullptr;
  xmlTextWriterPtr w = nullptr;
  bool ok = true;
  bool sink_ok = true;
  int page = 0;
  const Document* doc = nullptr;

  ~Impl() {
    if (w) xmlFreeTextWriter(w);
    if (buffer) xmlBufferFree(buffer);
  }
  static const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
  static const xmlChar* X(const std::string& s) { return X(s.c_str()); }
  void Check(int rc) {
    if (rc < 0) ok = false;
  }
  void Start(const char* name) { Check(xmlTextWriterStartElement(w, X(name))); }
  void End() { Check(xmlTextWriterEndElement(w)); }
  void Attr(const char* name, const std::string& value) {
    Check(xmlTextWriterWriteAttribute(w, X(name), X(XmlText(value))));
  }
  void Text(const std::string& text) { Check(xmlTextWriterWriteString(w, X(XmlText(text)))); }
  void Element(const char* name, const std::string& text) {
    Check(xmlTextWriterWriteElement(w, X(name), X(XmlText(text))));
  }
  // Hands what the writer has buffered to the sink.
  Status Flush() {
    Check(xmlTextWriterFlush(w));
    if (sink_ok && xmlBufferLength(buffer) > 0)
      sink_ok = sink(std::string_view(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                                      static_cast<size_t>(xmlBufferLength(buffer))));
    xmlBufferEmpty(buffer);
    if (!ok) return Status(ErrorCode::kInvalidArgument, "TEI: the XML writer failed");
    if (!sink_ok) return Status(ErrorCode::kInvalidArgument, "TEI: output closed");
    return Status::Ok();
  }

  void Header(const Persons& persons);
  void Setting(const Persons& persons);
  void PageBreaksTo(int page);
  void Paragraph(const protokoll::Paragraph& p, const Persons& persons);
  void Body(const Persons& persons);
};

void TeiCorpusWriter::Impl::Header(const Persons& persons) {
  const Metadata& m = doc->metadata;
  Start("teiHeader");
  Start("fileDesc");
  Start("titleStmt");
  std::string title = m.title.value_or(doc->source.file);
  if (m.reference) title += " " + *m.reference;
  Element("title", title);
  if (m.body) Element("meeting", *m.body);
  End();
  Start("publicationStmt");
  Element("p", "Derived by protokoll " + doc->pipeline_version);
  End();
  Start("sourceDesc");
  Start("bibl");
  Element("title", doc->source.file);
  Start("idno");
  Attr("type", "sha256");
  Text(doc->id);
  End();
  if (m.date && IsIsoDate(*m.date)) {
    Start("date");
    Attr("when", *m.date);
    End();
  }
  End();  // bibl
  End();  // sourceDesc
  End();  // fileDesc
  Start("profileDesc");
  Setting(persons);
  if (!persons.entries().empty()) {
    Start("particDesc");
    Start("listPerson");
    for (const auto& e : persons.entries()) {
      Start("person");
      Attr("xml:id", e.id);
      if (e.attendee) Attr("role", e.attendee->status);  // present, absent, substitute
      Element("persName", e.name);
      if (e.attendee && e.attendee->role) Element("occupation", *e.attendee->role);
      if (e.attendee && e.attendee->organization) Element("affiliation", *e.attendee->organization);
      End();
    }
    End();
    End();
  }
  End();  // profileDesc
  End();  // teiHeader
}

// The meeting: where, when, who chaired it and who took the minutes.
void TeiCorpusWriter::Impl::Setting(const Persons& persons) {
  const Metadata& m = doc->metadata;
  const bool dated = m.date && IsIsoDate(*m.date);
  if (!m.place && !dated && !m.chair && !m.secretary) return;
  Start("settingDesc");
  Start("setting");
  if (m.place) {
    Start("name");
    Attr("type", "place");
    Text(*m.place);
    End();
  }
  if (dated) {
    Start("date");
    Attr("when", *m.date);
    if (m.start_time && m.end_time) Text(*m.date + " " + *m.start_time + "–" + *m.end_time);
    else Text(*m.date);
    End();
  }
  const std::pair<const char*, const std::optional<std::string>*> officers[] = {{"chair", &m.chair},
                                                                                {"secretary", &m.secretary}};
  for (const auto& [role, name] : officers) {
    if (!*name) continue;
    Start("persName");
    Attr("role", role);
    Attr("ref", persons.Pointer(**name));
    Text(**name);
    End();
  }
  End();
  End();
}

void TeiCorpusWriter::Impl::PageBreaksTo(int to) {
  for (; page < to; ++page) {
    Start("pb");
    Attr("n", std::to_string(page + 1));
    Attr("facs", UriEscape(doc->source.file) + "#page=" + std::to_string(page + 1));
    End();
  }
}

void TeiCorpusWriter::Impl::Paragraph(const protokoll::Paragraph& p, const Persons& persons) {
  PageBreaksTo(p.page);
  if (p.speaker && !p.speaker->empty()) {
    Start("u");
    Attr("who", persons.Pointer(*p.speaker));
    Element("seg", p.text);
    End();
  } else {
    Element("p", p.text);
  }
}

void TeiCorpusWriter::Impl::Body(const Persons& persons) {
  Start("text");
  Start("body");
  PageBreaksTo(1);
  if (doc->preamble.empty() && doc->items.empty()) {
    // A body needs content: a document without text (a scan ingested with --ocr never) says so.
    Start("p");
    Start("gap");
    Attr("reason", "no text");
    End();
    End();
  }
  if (!doc->preamble.empty()) {
    Start("div");
    Attr("type", "preface");
    for (const auto& p : doc->preamble) Paragraph(p, persons);
    End();
  }
  for (const auto& item : doc->items) {
    PageBreaksTo(item.page);
    Start("div");
    Attr("type", "agendaItem");
    if (!item.number.empty()) Attr("n", item.number);
    Element("head", item.title);
    for (const auto& p : item.paragraphs) Paragraph(p, persons);
    for (const auto& d : item.decisions) {
      PageBreaksTo(d.page);
      Start("note");
      Attr("type", "decision");
      Text(d.text);
      End();
    }
    End();
  }
  End();  // body
  End();  // text
}

TeiCorpusWriter::TeiCorpusWriter(Sink sink) : impl_(std::make_unique<Impl>()) {
  impl_->sink = std::move(sink);
  impl_->buffer = xmlBufferCreate();
  if (impl_->buffer) impl_->w = xmlNewTextWriterMemory(impl_->buffer, 0);
  if (!impl_->w) {
    impl_->ok = false;
    return;
  }
  xmlTextWriterSetIndent(impl_->w, 1);
  xmlTextWriterSetIndentString(impl_->w, Impl::X("  "));
}

TeiCorpusWriter::~TeiCorpusWriter() = default;

Status TeiCorpusWriter::Begin() {
  Impl& x = *impl_;
  if (!x.w) return Status(ErrorCode::kInvalidArgument, "TEI: the XML writer could not be created");
  x.Check(xmlTextWriterStartDocument(x.w, nullptr, "UTF-8", nullptr));
  x.Start("teiCorpus");
  x.Attr("xmlns", kTeiNs);
  x.Start("teiHeader");
  x.Start("fileDesc");
  x.Start("titleStmt");
  x.Element("title", "protokoll export");
  x.End();
  x.Start("publicationStmt");
  x.Element("p", "Parla-CLARIN export of meeting minutes stored by protokoll");
  x.End();
  x.Start("sourceDesc");
  x.Element("p", "Minutes stored by protokoll");
  x.End();
  x.End();  // fileDesc
  x.End();  // teiHeader
  return x.Flush();
}

Status TeiCorpusWriter::Add(const Document& doc) {
  Impl& x = *impl_;
  if (!x.w) return Status(ErrorCode::kInvalidArgument, "TEI: the XML writer could not be created");
  x.doc = &doc;
  x.page = 0;
  Persons persons(doc);
  x.Start("TEI");
  x.Attr("xml:id", IdPart('d', doc.id, 16));
  if (!doc.language.empty()) x.Attr("xml:lang", doc.language);
  x.Header(persons);
  x.Body(persons);
  x.End();  // TEI
  x.doc = nullptr;
  return x.Flush();
}

Status TeiCorpusWriter::End() {
  Impl& x = *impl_;
  if (!x.w) return Status(ErrorCode::kInvalidArgument, "TEI: the XML writer could not be created");
  x.Check(xmlTextWriterEndDocument(x.w));
  return x.Flush();
}

Result<std::string> DocumentToTei(const Document& doc) {
  std::string out;
  TeiCorpusWriter writer([&](std::string_view s) {
    out += s;
    return true;
  });
  Status s = writer.Begin();
  if (s.ok()) s = writer.Add(doc);
  Status end = writer.End();
  if (!s.ok()) return s;
  if (!end.ok()) return end;
  return out;
}

}  // namespace protokoll
