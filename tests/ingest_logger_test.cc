// EscapeForLine: a name cannot forge a line or a column of a log or table.
#include <gtest/gtest.h>

#include <string>

#include "protokoll/logger.h"

namespace protokoll {
namespace {

TEST(EscapeForLine, ControlsAndForeignBytesAreEscaped) {
  EXPECT_EQ(EscapeForLine("new\nline.pdf"), "new\\nline.pdf");
  EXPECT_EQ(EscapeForLine("tab\tname\r.pdf"), "tab\\tname\\r.pdf");
  EXPECT_EQ(EscapeForLine("escape-\x1b[31m.pdf"), "escape-\\x1b[31m.pdf");
  EXPECT_EQ(EscapeForLine("latin1-\xe9.pdf"), "latin1-\\xe9.pdf");
  EXPECT_EQ(EscapeForLine(std::string("nul\0.pdf", 8)), "nul\\x00.pdf");
  EXPECT_EQ(EscapeForLine("back\\slash"), "back\\\\slash");  // so that an escape cannot be faked either
}

TEST(EscapeForLine, OrdinaryNamesAreKept) {
  EXPECT_EQ(EscapeForLine("Protokoll 2025-04-10 (kopia).pdf"), "Protokoll 2025-04-10 (kopia).pdf");
  EXPECT_EQ(EscapeForLine("möte i Västerås – § 3 \"utkast\".pdf"), "möte i Västerås – § 3 \"utkast\".pdf");
  EXPECT_EQ(EscapeForLine(""), "");
}

}  // namespace
}  // namespace protokoll
