#pragma once

// Binary cereal archives over memory: one that appends to a string, and one
// that reads from bytes it does not trust. The reader refuses to read past
// its end, to trust a length longer than what is left, or to take a byte
// other than 0 and 1 for a bool, so that damaged input ends in an exception
// (cereal::Exception, a std::runtime_error) and never in a huge allocation
// or undefined behaviour.

#include "backplan/util/shared_text.hpp"

#include <cereal/cereal.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

namespace backplan::util {

/// A cereal output archive that appends the binary form of values to a string.
class StringOutputArchive : public cereal::OutputArchive<StringOutputArchive, cereal::AllowEmptyClassElision>
{
public:
  /// Appends to `out`, which must outlive the archive.
  explicit StringOutputArchive(std::string& out)
      : cereal::OutputArchive<StringOutputArchive, cereal::AllowEmptyClassElision>(this), m_out(out)
  {}

  /// Appends `size` bytes.
  void save_bytes(const void* data, std::size_t size) { m_out.append(static_cast<const char*>(data), size); }

private:
  std::string& m_out;
};

/// A cereal input archive over bytes that may be truncated or damaged.
class BoundedInputArchive : public cereal::InputArchive<BoundedInputArchive, cereal::AllowEmptyClassElision>
{
public:
  /// Reads from `bytes`, which must outlive the archive; texts read are
  /// copies.
  explicit BoundedInputArchive(std::string_view bytes)
      : cereal::InputArchive<BoundedInputArchive, cereal::AllowEmptyClassElision>(this), m_in(bytes)
  {}

  /// Reads from `bytes`, which `owner` keeps alive (none: bytes that live
  /// as long as the program): shared texts read are views of them, which
  /// count their references on one keeper of this archive's (an
  /// exercise's, when each is read by an archive of its own: exercises
  /// read on several threads do not all count on one owner).
  BoundedInputArchive(std::string_view bytes, std::shared_ptr<const void> owner)
      : cereal::InputArchive<BoundedInputArchive, cereal::AllowEmptyClassElision>(this), m_in(bytes),
        m_keeper(std::move(owner)), m_kept(true)
  {}

  /// Copies the next `size` bytes to `data`; throws when fewer are left.
  void load_bytes(void* data, std::size_t size)
  {
    if (size > m_in.size()) {
      throw cereal::Exception("truncated data");
    }
    if (size > 0) {
      std::memcpy(data, m_in.data(), size);
    }
    m_in.remove_prefix(size);
  }

  /// The next `size` bytes, in place (a view of the bytes read); throws
  /// when fewer are left.
  std::string_view view_bytes(std::size_t size)
  {
    if (size > m_in.size()) {
      throw cereal::Exception("truncated data");
    }
    const std::string_view out = m_in.substr(0, size);
    m_in.remove_prefix(size);
    return out;
  }

  /// How many bytes are left to read.
  std::size_t remaining() const { return m_in.size(); }

  /// `text`, a view of the bytes read, as a shared text: a view too when
  /// the bytes are kept alive, else a copy.
  SharedText shared(std::string_view text) const
  {
    return m_kept ? SharedText::view_of(text, m_keeper) : SharedText(std::string(text));
  }

private:
  std::string_view m_in;
  SharedText::Keeper m_keeper;
  bool m_kept = false;
};

/// Numbers (not bools) as their bytes.
template<class T>
std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>> CEREAL_SAVE_FUNCTION_NAME(
  StringOutputArchive& archive, const T& value)
{
  archive.save_bytes(std::addressof(value), sizeof value);
}

/// Numbers (not bools) from their bytes.
template<class T>
std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>> CEREAL_LOAD_FUNCTION_NAME(
  BoundedInputArchive& archive, T& value)
{
  archive.load_bytes(std::addressof(value), sizeof value);
}

/// A bool as one byte, 0 or 1.
inline void CEREAL_SAVE_FUNCTION_NAME(StringOutputArchive& archive, const bool& value)
{
  const unsigned char byte = value ? 1 : 0;
  archive.save_bytes(&byte, 1);
}

/// A bool from one byte; any byte but 0 and 1 is damage.
inline void CEREAL_LOAD_FUNCTION_NAME(BoundedInputArchive& archive, bool& value)
{
  unsigned char byte = 0;
  archive.load_bytes(&byte, 1);
  if (byte > 1) {
    throw cereal::Exception("malformed bool");
  }
  value = byte == 1;
}

/// Names are not written: the binary form is positional.
template<class Archive, class T>
CEREAL_ARCHIVE_RESTRICT(BoundedInputArchive, StringOutputArchive)
CEREAL_SERIALIZE_FUNCTION_NAME(Archive& archive, cereal::NameValuePair<T>& pair)
{
  archive(pair.value);
}

/// A container's length.
template<class T>
void CEREAL_SAVE_FUNCTION_NAME(StringOutputArchive& archive, const cereal::SizeTag<T>& tag)
{
  archive(tag.size);
}

/// A container's length, refused when longer than the bytes left (every
/// element takes at least one byte).
template<class T>
void CEREAL_LOAD_FUNCTION_NAME(BoundedInputArchive& archive, cereal::SizeTag<T>& tag)
{
  archive(tag.size);
  if (static_cast<std::size_t>(tag.size) > archive.remaining()) {
    throw cereal::Exception("length past the end of the data");
  }
}

/// Raw bytes (the characters of a string).
template<class T>
void CEREAL_SAVE_FUNCTION_NAME(StringOutputArchive& archive, const cereal::BinaryData<T>& data)
{
  archive.save_bytes(data.data, static_cast<std::size_t>(data.size));
}

/// Raw bytes, bounded by what is left.
template<class T>
void CEREAL_LOAD_FUNCTION_NAME(BoundedInputArchive& archive, cereal::BinaryData<T>& data)
{
  archive.load_bytes(data.data, static_cast<std::size_t>(data.size));
}

/// Text as cereal writes a std::string (its length, then its bytes), from a
/// view.
inline void save_text(StringOutputArchive& archive, std::string_view text)
{
  archive(cereal::make_size_tag(static_cast<cereal::size_type>(text.size())));
  archive.save_bytes(text.data(), text.size());
}

/// Text as cereal writes a std::string, as a view of the bytes read.
inline std::string_view load_text(BoundedInputArchive& archive)
{
  cereal::size_type size = 0;
  archive(cereal::make_size_tag(size));
  return archive.view_bytes(static_cast<std::size_t>(size));
}

/// A shared text as cereal writes a std::string.
inline void CEREAL_SAVE_FUNCTION_NAME(StringOutputArchive& archive, const SharedText& text)
{
  save_text(archive, text.view());
}

/// A shared text written as a std::string: a view of the bytes read when
/// the archive's bytes are kept alive.
inline void CEREAL_LOAD_FUNCTION_NAME(BoundedInputArchive& archive, SharedText& text)
{
  text = archive.shared(load_text(archive));
}

} // namespace backplan::util

CEREAL_SETUP_ARCHIVE_TRAITS(backplan::util::BoundedInputArchive, backplan::util::StringOutputArchive)
