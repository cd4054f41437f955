#include "cli/run/keys.hpp"

namespace backplan::run {

std::vector<Key> parse_keys(const std::string& typed)
{
  std::vector<Key> keys;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const char c = typed[i];
    if (c == '\x1b') {
      // CSI or SS3 arrows: ESC [ C, ESC O C; skip any other sequence.
      if (i + 2 < typed.size() && (typed[i + 1] == '[' || typed[i + 1] == 'O')) {
        std::size_t end = i + 2;
        while (end < typed.size() && !(typed[end] >= '@' && typed[end] <= '~')) {
          ++end;
        }
        if (end < typed.size() && end == i + 2 && typed[end] == 'C') {
          keys.push_back(Key::next);
        } else if (end < typed.size() && end == i + 2 && typed[end] == 'D') {
          keys.push_back(Key::previous);
        }
        i = end;
      }
      continue;
    }
    switch (c) {
    case ' ':
      keys.push_back(Key::pause);
      break;
    case 'n':
      keys.push_back(Key::next);
      break;
    case 'p':
      keys.push_back(Key::previous);
      break;
    case 'r':
      keys.push_back(Key::restart);
      break;
    case 'q':
      keys.push_back(Key::quit);
      break;
    case '?':
      keys.push_back(Key::help);
      break;
    default:
      break;
    }
  }
  return keys;
}

} // namespace backplan::run
