#include "protokoll/tei.h"

#include <map>

namespace protokoll {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters; drop them.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') continue;
        out += c;
    }
  }
  return out;
}

// An xml:id for a person: "Anders Ahlsson" -> "AndersAhlsson" (letters and digits only).
std::string PersonId(const std::string& name) {
  std::string id;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) id += c;
  return id.empty() ? "unknown" : id;
}

class Writer {
 public:
  explicit Writer(const Document& doc) : doc_(doc) {}

  std::string Run() {
    out_ += "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"d" + doc_.id.substr(0, 16) + "\"";
    if (!doc_.language.empty()) out_ += " xml:lang=\"" + Escape(doc_.language) + "\"";
    out_ += ">\n";
    Header();
    out_ += "  <text>\n    <body>\n";
    if (!doc_.preamble.empty()) {
      out_ += "      <div type=\"preface\">\n";
      for (const auto& p : doc_.preamble) Paragraph(p);
      out_ += "      </div>\n";
    }
    for (const auto& item : doc_.items) {
      PageBreakBefore(item.page);
      out_ += "      <div type=\"agendaItem\" n=\"" + Escape(item.number) + "\">\n";
      out_ += "        <head>" + Escape(item.title) + "</head>\n";
      for (const auto& p : item.paragraphs) Paragraph(p);
      for (const auto& d : item.decisions) out_ += "        <note type=\"decision\">" + Escape(d.text) + "</note>\n";
      out_ += "      </div>\n";
    }
    out_ += "    </body>\n  </text>\n</TEI>\n";
    return std::move(out_);
  }

 private:
  void Header() {
    const Metadata& m = doc_.metadata;
    out_ += "  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n        <title>" +
            Escape(m.title.value_or(doc_.source.file)) + (m.reference ? " " + Escape(*m.reference) : "") +
            "</title>\n";
    if (m.body) out_ += "        <meeting>" + Escape(*m.body) + "</meeting>\n";
    out_ += "      </titleStmt>\n      <publicationStmt><p>Derived by protokoll " + Escape(doc_.pipeline_version) +
            "</p></publicationStmt>\n      <sourceDesc><bibl><idno type=\"sha256\">" + Escape(doc_.id) +
            "</idno><title>" + Escape(doc_.source.file) + "</title>";
    if (m.date) out_ += "<date when=\"" + Escape(*m.date) + "\"/>";
    out_ += "</bibl></sourceDesc>\n    </fileDesc>\n";
    if (!doc_.attendees.empty()) {
      out_ += "    <profileDesc>\n      <particDesc>\n        <listPerson>\n";
      for (const auto& a : doc_.attendees) {
        out_ += "          <person xml:id=\"" + Escape(PersonId(a.name)) + "\" role=\"" + Escape(a.status) + "\"><persName>" +
                Escape(a.name) + "</persName>";
        if (a.organization) out_ += "<affiliation>" + Escape(*a.organization) + "</affiliation>";
        if (a.role) out_ += "<roleName>" + Escape(*a.role) + "</roleName>";
        out_ += "</person>\n";
      }
      out_ += "        </listPerson>\n      </particDesc>\n    </profileDesc>\n";
    }
    out_ += "  </teiHeader>\n";
  }

  void PageBreakBefore(int page) {
    if (page <= current_page_) return;
    for (int p = current_page_ + 1; p <= page; ++p) out_ += "      <pb n=\"" + std::to_string(p) + "\"/>\n";
    current_page_ = page;
  }

  void Paragraph(const protokoll::Paragraph& p) {
    PageBreakBefore(p.page);
    if (p.speaker) {
      bool attendee = false;
      for (const auto& a : doc_.attendees) attendee = attendee || a.name == *p.speaker;
      // who= points at a person of the header; a body ("Rådet") is named as printed.
      std::string who;
      if (attendee) who = "#";
      who += attendee ? PersonId(*p.speaker) : *p.speaker;
      out_ += "        <u who=\"" + Escape(who) + "\"><seg>" + Escape(p.text) + "</seg></u>\n";
    } else {
      out_ += "        <p>" + Escape(p.text) + "</p>\n";
    }
  }

  const Document& doc_;
  std::string out_;
  int current_page_ = 0;
};

}  // namespace

std::string DocumentToTei(const Document& doc) { return Writer(doc).Run(); }

std::string TeiCorpusHeader() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\">\n"
         "<teiHeader><fileDesc><titleStmt><title>protokoll export</title></titleStmt>"
         "<publicationStmt><p>Parla-CLARIN style export of meeting minutes</p></publicationStmt>"
         "<sourceDesc><p>Minutes stored by protokoll</p></sourceDesc></fileDesc></teiHeader>\n";
}

std::string TeiCorpusFooter() { return "</teiCorpus>\n"; }

}  // namespace protokoll
