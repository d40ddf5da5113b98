#include "protokoll/show.h"

#include <algorithm>
#include <optional>
#include <sstream>
#include <vector>

namespace protokoll {
namespace {

std::string OrDash(const std::optional<std::string>& v) { return v && !v->empty() ? *v : "-"; }

}  // namespace

std::string Gist(std::string_view text, size_t max_bytes) {
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.size() <= max_bytes) return std::string(line);
  size_t cut = line.rfind(' ', max_bytes);
  if (cut == std::string_view::npos || cut < max_bytes / 2) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  }
  return std::string(line.substr(0, cut)) + " …";
}

std::string ShowText(const Document& d) {
  std::ostringstream out;
  const Metadata& m = d.metadata;
  out << OrDash(m.title) << (m.reference ? "  " + *m.reference : "") << "\n";
  if (m.body) out << *m.body << "\n";
  out << "\n";
  auto field = [&out](const char* name, const std::optional<std::string>& v) {
    if (v) out << "  " << name << std::string(14 - std::string(name).size(), ' ') << *v << "\n";
  };
  std::optional<std::string> when = m.date;
  if (when && m.start_time) *when += " " + *m.start_time + (m.end_time ? "–" + *m.end_time : "");
  field("Date", when);
  field("Place", m.place);
  field("Chair", m.chair);
  field("Secretary", m.secretary);
  if (!m.adjusters.empty()) {
    std::string a;
    for (const auto& s : m.adjusters) a += (a.empty() ? "" : ", ") + s;
    field("Adjusters", a);
  }
  field("Next meeting", m.next_meeting);
  field("Document", std::optional<std::string>(d.id.substr(0, 12) + "  " + d.source.file + ", " +
                                               std::to_string(d.source.pages) + " pages"));
  if (!d.attendees.empty()) {
    out << "\nAttendees\n";
    for (const auto& a : d.attendees) {
      out << "  " << a.name;
      if (a.role) out << ", " << *a.role;
      if (a.organization) out << " (" << *a.organization << ")";
      if (a.remote) out << " [remote]";
      if (a.status != "present") out << " [" << a.status << "]";
      out << "\n";
    }
  }
  if (!d.items.empty()) {
    out << "\nItems\n";
    for (const auto& it : d.items) {
      out << "  " << it.number << "  " << it.title << "  (p. " << it.page << ")\n";
      if (!it.presenters.empty()) {
        std::string p;
        for (const auto& s : it.presenters) p += (p.empty() ? "" : ", ") + s;
        out << "      presented by " << p << "\n";
      }
      std::vector<std::string> speakers;
      for (const auto& para : it.paragraphs)
        if (para.speaker && std::find(speakers.begin(), speakers.end(), *para.speaker) == speakers.end())
          speakers.push_back(*para.speaker);
      if (!speakers.empty()) {
        std::string s;
        for (const auto& n : speakers) s += (s.empty() ? "" : ", ") + n;
        out << "      speakers: " << s << "\n";
      }
      for (const auto& dec : it.decisions) out << "      decision: " << Gist(dec.text) << "\n";
    }
  }
  if (!d.warnings.empty()) {
    out << "\nWarnings\n";
    for (const auto& w : d.warnings)
      out << "  " << w.code << (w.page ? " (page " + std::to_string(*w.page) + ")" : "") << ": " << w.message << "\n";
  }
  return out.str();
}

}  // namespace protokoll
