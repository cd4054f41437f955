#include "render/pdf.hpp"

#include "render/roff.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace backplan::render {

namespace {

/// A temporary file that is removed when it goes out of scope.
class TempFile
{
public:
  TempFile()
  {
    const char* dir = std::getenv("TMPDIR");
    m_path = fmt::format("{}/backplan-XXXXXX", dir != nullptr && *dir != '\0' ? dir : "/tmp");
    const int fd = mkstemp(m_path.data());
    if (fd < 0) {
      throw std::runtime_error("cannot create a temporary file for groff");
    }
    close(fd);
  }
  ~TempFile() { std::remove(m_path.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return m_path; }

private:
  std::string m_path;
};

/// `text` quoted for the shell.
std::string quoted(const std::string& text)
{
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

} // namespace

std::string render_pdf(const plan::Plan& plan, const TextOptions& options)
{
  TempFile source;
  {
    std::FILE* file = std::fopen(source.path().c_str(), "wb");
    const std::string roff = render_roff(plan, options);
    const bool written = file != nullptr && std::fwrite(roff.data(), 1, roff.size(), file) == roff.size();
    if (file == nullptr || std::fclose(file) != 0 || !written) {
      throw std::runtime_error("cannot write a temporary file for groff");
    }
  }
  TempFile errors;
  const std::string command =
    fmt::format("command -v groff >/dev/null 2>&1 || exit 127; groff -ms -Tpdf {} 2>{}",
                quoted(source.path()), quoted(errors.path()));
  std::FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    throw std::runtime_error("cannot run groff");
  }
  std::string pdf;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    pdf.append(buffer, n);
  }
  const int status = pclose(pipe);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    throw std::runtime_error("the pdf format needs groff, which is not installed (install the groff "
                             "package, or use -f roff and typeset it elsewhere)");
  }
  if (status != 0 || !pdf.starts_with("%PDF-")) {
    throw std::runtime_error("groff -ms -Tpdf failed to make the PDF");
  }
  return pdf;
}

} // namespace backplan::render
