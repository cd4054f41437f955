#include "util/files.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

namespace backplan::util {

namespace {

std::runtime_error system_error(const std::string& what, int error_number)
{
  return std::runtime_error(fmt::format("{}: {}", what, std::strerror(error_number)));
}

/// Writes `pieces` one after another, write_block_bytes (or one piece's part of
/// it) a writev() at a time.
bool write_all(int fd, std::span<const std::string_view> pieces, int& error_number)
{
  std::vector<struct iovec> left; // pieces cut at each write_block_bytes of the file
  std::size_t offset = 0;
  for (auto piece : pieces) {
    while (!piece.empty()) {
      const std::size_t size = std::min(piece.size(), write_block_bytes - offset % write_block_bytes);
      left.push_back({const_cast<char*>(piece.data()), size}); // NOLINT: iovec's type
      piece.remove_prefix(size);
      offset += size;
    }
  }
  std::size_t first = 0; // the first piece not yet written whole
  while (first < left.size()) {
    // The pieces up to the next write_block_bytes boundary of the file.
    std::size_t count = 0;
    std::size_t bytes = 0;
    while (first + count < left.size() && count < IOV_MAX && bytes < write_block_bytes) {
      bytes += left[first + count].iov_len;
      ++count;
    }
    const ssize_t written = ::writev(fd, left.data() + first, static_cast<int>(count));
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      error_number = errno;
      return false;
    }
    // Past what was written: the pieces written whole, then the written
    // part of the next one.
    auto n = static_cast<std::size_t>(written);
    while (first < left.size() && n >= left[first].iov_len) {
      n -= left[first].iov_len;
      ++first;
    }
    if (n > 0) {
      left[first].iov_base = static_cast<char*>(left[first].iov_base) + n;
      left[first].iov_len -= n;
    }
  }
  return true;
}

bool write_all(int fd, std::string_view data, int& error_number)
{
  return write_all(fd, std::span<const std::string_view>(&data, 1), error_number);
}

/// A descriptor of the regular file at `path`, opened to read, and its size
/// in `size`; throws std::runtime_error with the reason (cannot open, not a
/// regular file, larger than `max_bytes`).
int open_regular(const std::filesystem::path& path, std::size_t max_bytes, std::size_t& size)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    throw system_error("cannot open", errno);
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw std::runtime_error(S_ISDIR(info.st_mode) ? "is a directory" : "not a regular file");
  }
  size = static_cast<std::size_t>(info.st_size);
  if (size > max_bytes) {
    ::close(fd);
    throw std::runtime_error(fmt::format("file is larger than the limit of {} bytes", max_bytes));
  }
  return fd;
}

} // namespace

MappedFile map_file(const std::filesystem::path& path, std::size_t max_bytes)
{
  std::size_t size = 0;
  const int fd = open_regular(path, max_bytes, size);
  if (size == 0) {
    ::close(fd);
    return {};
  }
  void* const address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int error_number = errno;
  ::close(fd); // the mapping keeps the file
  if (address == MAP_FAILED) {
    throw system_error("cannot map", error_number);
  }
  std::shared_ptr<const void> owner(address, [size](const void* mapped) {
    ::munmap(const_cast<void*>(mapped), size); // NOLINT(cppcoreguidelines-pro-type-const-cast): munmap's type
  });
  return {std::string_view(static_cast<const char*>(address), size), std::move(owner)};
}

void release_mapped(std::string_view range)
{
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<std::uintptr_t>(range.data()) + page - 1) / page * page;
  const auto end = (reinterpret_cast<std::uintptr_t>(range.data()) + range.size()) / page * page;
  if (end > begin) {
    ::madvise(reinterpret_cast<void*>(begin), end - begin,
              MADV_DONTNEED); // only advice: its failure costs memory
  }
}

std::string read_file(const std::filesystem::path& path, std::size_t max_bytes)
{
  std::size_t size = 0;
  const int fd = open_regular(path, max_bytes, size);
  // One byte more than the file's size, so that its end is seen without
  // growing (and copying) the buffer; a file that grows meanwhile doubles it,
  // up to one byte past the limit, which is then known to be exceeded.
  std::string data;
  data.resize(size + 1);
  std::size_t filled = 0;
  while (true) {
    if (filled == data.size()) {
      if (data.size() > max_bytes) {
        ::close(fd);
        throw std::runtime_error(fmt::format("file is larger than the limit of {} bytes", max_bytes));
      }
      data.resize(std::min(max_bytes + 1, std::max<std::size_t>(4096, data.size() * 2)));
    }
    const ssize_t got = ::read(fd, data.data() + filled, data.size() - filled);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int error_number = errno;
      ::close(fd);
      throw system_error("cannot read", error_number);
    }
    if (got == 0) {
      break;
    }
    filled += static_cast<std::size_t>(got);
  }
  ::close(fd);
  data.resize(filled);
  return data;
}

bool file_holds(const std::filesystem::path& path, std::string_view data)
{
  // open_regular opens without waiting (a named pipe would wait for a
  // writer) and refuses what is not a regular file or is larger than `data`.
  std::size_t size = 0;
  int fd = -1;
  try {
    fd = open_regular(path, data.size(), size);
  } catch (const std::runtime_error&) {
    return false;
  }
  bool same = size == data.size();
  // The file's bytes a block at a time, and then one more read, which must
  // find its end: a file that grew since it was opened holds more than `data`.
  std::array<char, 16384> block{};
  std::size_t at = 0;
  while (same) {
    const ssize_t got = ::read(fd, block.data(), std::min(block.size(), data.size() - at + 1));
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      same = got == 0 && at == data.size();
      break;
    }
    const auto count = static_cast<std::size_t>(got);
    same = count <= data.size() - at && std::memcmp(block.data(), data.data() + at, count) == 0;
    at += count;
  }
  ::close(fd);
  return same;
}

namespace {

/// Puts the file `temporary` in the place of the regular file `name`,
/// swapping the two in one step (RENAME_EXCHANGE), then removes the old one
/// under the temporary name; false, with nothing changed, where the file
/// system cannot swap (or `name` is gone). A rename over an existing file
/// makes ext4 write the new file's data out first (its auto_da_alloc), a
/// third of a millisecond that a plan, which keeps its JSON each time,
/// would pay on every run; the swap is as atomic, and like that rename
/// forces nothing to the disk but what `durable` asked for.
bool exchanged(const std::string& temporary, const std::string& name)
{
  if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, name.c_str(), RENAME_EXCHANGE) != 0) {
    return false;
  }
  if (::unlink(temporary.c_str()) != 0 && errno == EISDIR) {
    // A folder took the file's place meanwhile: put it back, and fail as
    // a rename over a folder does.
    ::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, name.c_str(), RENAME_EXCHANGE);
    errno = EISDIR;
    return false;
  }
  return true;
}

/// Writes `data` into the existing file `name` that is not a regular file (a
/// device such as /dev/null or /dev/stdout, a named pipe), which a rename
/// would replace with a regular file.
void write_in_place(const std::string& name, std::span<const std::string_view> data)
{
  const int fd = ::open(name.c_str(), O_WRONLY | O_CLOEXEC);
  int error_number = fd < 0 ? errno : 0;
  bool ok = fd >= 0 && write_all(fd, data, error_number);
  if (fd >= 0 && ::close(fd) != 0 && ok) {
    error_number = errno;
    ok = false;
  }
  if (!ok) {
    throw system_error(fmt::format("cannot write {}", name), error_number);
  }
}

} // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view data, bool durable)
{
  write_file_atomically(target, std::span<const std::string_view>(&data, 1), durable);
}

void write_file_atomically(const std::filesystem::path& target, std::span<const std::string_view> pieces,
                           bool durable)
{
  const std::string name = target.string();
  struct stat info {};
  const bool exists = ::stat(name.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode)) {
    throw std::runtime_error(fmt::format("cannot write {}: it is a directory", name));
  }
  if (exists && !S_ISREG(info.st_mode)) {
    write_in_place(name, pieces);
    return;
  }
  std::filesystem::path folder = target.parent_path();
  if (folder.empty()) {
    folder = ".";
  }
  std::string temporary = (folder / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    throw system_error(fmt::format("cannot write {}", name), errno);
  }
  int error_number = 0;
  bool ok = write_all(fd, pieces, error_number);
  if (ok && durable && ::fsync(fd) != 0) {
    error_number = errno;
    ok = false;
  }
  // Keep the permissions an ordinary new file would get.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (ok && ::fchmod(fd, 0666 & ~mask) != 0) {
    error_number = errno;
    ok = false;
  }
  if (::close(fd) != 0 && ok) {
    error_number = errno;
    ok = false;
  }
  if (ok && !(exists && exchanged(temporary, name)) && ::rename(temporary.c_str(), name.c_str()) != 0) {
    error_number = errno;
    ok = false;
  }
  if (!ok) {
    ::unlink(temporary.c_str());
    throw system_error(fmt::format("cannot write {}", name), error_number);
  }
}

void WrittenFiles::remove() const noexcept
{
  std::error_code ignored;
  for (const auto& file : files) {
    std::filesystem::remove(file, ignored);
  }
  for (auto folder = created_folders.rbegin(); folder != created_folders.rend(); ++folder) {
    std::filesystem::remove(*folder, ignored); // only when empty
  }
}

WrittenFiles write_files(const std::filesystem::path& folder,
                         const std::vector<std::pair<std::string, std::string>>& files)
{
  WrittenFiles written;
  // The folder and each missing one above it, outermost first.
  std::vector<std::filesystem::path> chain;
  for (auto part = folder.lexically_normal(); !part.empty() && part != part.root_path();
       part = part.parent_path()) {
    chain.insert(chain.begin(), part);
    if (part.parent_path() == part) {
      break;
    }
  }
  for (const auto& part : chain) {
    const std::string name = part.string();
    if (::mkdir(name.c_str(), 0777) == 0) {
      written.created_folders.push_back(part);
    } else if (errno != EEXIST) {
      const int error_number = errno;
      written.remove();
      throw system_error(fmt::format("cannot create {}", name), error_number);
    } else if (struct stat info{}; ::stat(name.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      written.remove();
      throw std::runtime_error(fmt::format("cannot create {}: a file of that name is in the way", name));
    }
  }
  // Into the folder as made: "a/x/../figs" is "a/figs", though "a/x" is not there.
  const auto made = folder.lexically_normal();
  try {
    for (const auto& [file, data] : files) {
      write_file_atomically(made / file, data);
      written.files.push_back(made / file);
    }
  } catch (...) {
    written.remove();
    throw;
  }
  return written;
}

bool write_stdout(std::string_view data, int& error_number)
{
  return write_all(STDOUT_FILENO, data, error_number);
}

std::optional<std::filesystem::path> user_folder(const char* variable, const char* home_path)
{
  if (const char* base = std::getenv(variable); base != nullptr && *base == '/') {
    return std::filesystem::path(base) / "backplan";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / home_path / "backplan";
  }
  return std::nullopt;
}

} // namespace backplan::util
