// Text as a terminal shows it: code points decoded by one UTF-8 iterator,
// columns counted by utf8proc, so that wide characters (日本語, most emoji)
// and combining accents line up in list, wrapped text and the run screen.
// The columns a line takes on screen are checked against the C library's
// wcwidth, which knows nothing of utf8proc.
#include "cli/run/schedule.hpp"
#include "cli/run/screen.hpp"
#include "plan/timing.hpp"
#include "support.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <clocale>
#include <cwchar>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <regex>

using namespace backplan;

namespace {

const std::string japanese = "膝を抱える";              // five wide characters: 10 columns
const std::string combining = "E\u0301tirement du dos"; // É as E and a combining acute: 16 columns
const std::string emoji = "Cat \U0001F408 stretch";     // the cat is 2 columns wide: 14 columns

/// The columns `text` takes by the C library's wcwidth in a UTF-8 locale.
std::size_t wc_columns(const std::string& text)
{
  const std::string saved = std::setlocale(LC_CTYPE, nullptr);
  REQUIRE(std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr);
  std::mbstate_t state{};
  std::size_t columns = 0;
  const char* at = text.data();
  const char* end = text.data() + text.size();
  while (at < end) {
    wchar_t wide = 0;
    const std::size_t length = std::mbrtowc(&wide, at, static_cast<std::size_t>(end - at), &state);
    REQUIRE(length > 0);
    REQUIRE(length <= 4);
    columns += static_cast<std::size_t>(std::max(0, ::wcwidth(wide)));
    at += length;
  }
  std::setlocale(LC_CTYPE, saved.c_str());
  return columns;
}

/// The screen column where each field of a `list` line starts (fields are
/// separated by runs of two or more spaces).
std::vector<std::size_t> field_columns(const std::string& line)
{
  std::vector<std::size_t> columns;
  const std::regex field("(^|  )([^ ]+( [^ ]+)*)");
  for (std::sregex_iterator it(line.begin(), line.end(), field), end; it != end; ++it) {
    const auto start = static_cast<std::size_t>(it->position(2));
    columns.push_back(wc_columns(line.substr(0, start)));
  }
  return columns;
}

/// An exercise file of a user catalog, named `name`.
std::string exercise_yaml(const std::string& id, const std::string& name)
{
  return fmt::format(R"(id: {}
name: {}
summary: Lying on your back, you hug both knees to your chest.
position: lying-on-back
regions: [lower-back]
goals: [mobility]
movements: [flexion]
kind: mobility
level: gentle
per_side: false
dosage:
  hold: [10, 20]
  reps: [2, 3]
  sets: [1, 1]
  rest_between_reps: [5, 10]
  rest_between_sets: [30, 60]
steps:
  - Lie on your back and hug both knees gently towards your chest.
sources: [kenway]
)",
                     id, name);
}

} // namespace

TEST_SUITE("util::text")
{
  TEST_CASE("the UTF-8 iterator gives each code point with its bytes, and a bad byte as U+FFFD alone")
  {
    const std::string text = "a\u00E9\u65E5\U0001F408\xE2\x82z\xC0\xAF";
    std::vector<char32_t> values;
    std::vector<std::size_t> offsets;
    std::vector<bool> valid;
    for (const util::CodePoint c : util::Utf8View(text)) {
      values.push_back(c.value);
      offsets.push_back(c.offset);
      valid.push_back(c.valid);
    }
    CHECK(values == std::vector<char32_t>{U'a', 0xE9, 0x65E5, 0x1F408, 0xFFFD, 0xFFFD, U'z', 0xFFFD, 0xFFFD});
    CHECK(offsets == std::vector<std::size_t>{0, 1, 3, 6, 10, 11, 12, 13, 14});
    CHECK(valid == std::vector<bool>{true, true, true, true, false, false, true, false, false});
    CHECK(util::Utf8View("").begin() == util::Utf8View("").end());
  }

  TEST_CASE("invalid UTF-8 is found at its line and column, counted in code points")
  {
    const auto bad = util::find_invalid_utf8("name: 日本\nsummary: \xED\xA0\x80");
    REQUIRE(bad);
    CHECK(bad->line == 2);
    CHECK(bad->column == 10);
    CHECK(bad->byte == 0xED); // a surrogate's encoding is not UTF-8
    CHECK(!util::find_invalid_utf8(japanese + combining + emoji));
  }

  TEST_CASE("display width counts columns: wide characters two, combining accents none, colours none")
  {
    CHECK(util::display_width(japanese) == 10);
    CHECK(util::display_width(combining) == 16);
    CHECK(util::display_width(emoji) == 14);
    CHECK(util::display_width("\x1b[1;33mKnee\x1b[0m") == 4);
    for (const auto& text : {japanese, combining, emoji}) {
      CHECK(util::display_width(text) == wc_columns(text));
    }
  }

  TEST_CASE("cutting to a width counts columns, and never splits an accent from its letter")
  {
    CHECK(util::truncate_to_width(japanese, 10) == japanese);
    CHECK(util::truncate_to_width(japanese, 9) == "膝を抱え…");
    CHECK(util::truncate_to_width(japanese, 6) == "膝を…"); // a wide character does not fit in 1 column
    CHECK(util::display_width(util::truncate_to_width(japanese, 6)) == 5);
    CHECK(util::truncate_to_width(combining, 3) == "E\u0301t…");
    CHECK(util::truncate_to_width(emoji, 6) == "Cat …");
    CHECK(util::truncate_to_width("Knee hug", 0).empty());
  }

  TEST_CASE("a word wider than the line breaks after its last slash or hyphen that fits, else at the width")
  {
    CHECK(util::wrap("see cks.nice.org.uk/topics/back-pain-low-without-radiculopathy today", 30) ==
          std::vector<std::string>{"see", "cks.nice.org.uk/topics/back-", "pain-low-without-radiculopathy",
                                   "today"});
    CHECK(util::wrap("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
    CHECK(util::wrap("\u00e9\u00e9\u00e9\u00e9\u00e9", 2) ==
          std::vector<std::string>{"\u00e9\u00e9", "\u00e9\u00e9", "\u00e9"});
  }

  TEST_CASE("wrapping counts columns, not bytes or code points")
  {
    // Two ten-column words and a space are 21 columns: 20 cannot hold them,
    // though each is 15 bytes and 5 code points.
    CHECK(util::wrap(japanese + " " + japanese, 21) == std::vector<std::string>{japanese + " " + japanese});
    CHECK(util::wrap(japanese + " " + japanese, 20) == std::vector<std::string>{japanese, japanese});
    CHECK(util::wrap("Cat \U0001F408 \U0001F408 ok", 7) ==
          std::vector<std::string>{"Cat \U0001F408", "\U0001F408 ok"});
    CHECK(util::wrap(combining, 12) == std::vector<std::string>{"E\u0301tirement du", "dos"});
  }

  TEST_CASE("list lines up the columns of names in Japanese, with a combining accent, and with an emoji")
  {
    const std::string dir = test::temp_dir();
    std::filesystem::create_directories(dir + "/exercises");
    const std::vector<std::pair<std::string, std::string>> named = {
      {"aa-japanese", japanese}, {"ab-accent", combining}, {"ac-emoji", emoji}};
    for (const auto& [id, name] : named) {
      std::ofstream(dir + "/exercises/" + id + ".yaml") << exercise_yaml(id, name);
    }
    const auto result = test::run_backplan({"--catalog", dir, "list"});
    REQUIRE(result.status == 0);
    CHECK(result.err == "");
    const auto lines = test::lines_of(result.out);
    REQUIRE(lines.size() > named.size());
    for (const auto& [id, name] : named) {
      const auto line =
        std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.starts_with(id + " "); });
      REQUIRE(line != lines.end());
      CHECK(line->find("  " + name + "  ") != std::string::npos);
    }
    const auto starts = field_columns(lines.back());
    CHECK(starts.size() == 5);
    for (const auto& line : lines) {
      CAPTURE(line);
      CHECK(field_columns(line) == starts);
    }
  }
}

TEST_SUITE("util::text guesses")
{
  TEST_CASE("did-you-mean proposes a typo, a start, a first word or a name holding the words, never an "
            "unrelated word")
  {
    const std::vector<std::string> conditions = {"neck-pain", "discectomy", "knee", "pregnancy",
                                                 "lying-on-back"};
    CHECK(util::did_you_mean("nek-pain", conditions) == "neck-pain");
    CHECK(util::did_you_mean("kne", conditions) == "knee");
    CHECK(util::did_you_mean("lying", conditions) == "lying-on-back");
    // A part several names share is not a guess: a milder condition is no
    // answer to "spinal".
    CHECK_FALSE(
      util::did_you_mean("spinal", {"spinal-arthritis", "spinal-fracture", "spinal-surgery"}).has_value());
    CHECK_FALSE(util::did_you_mean("lying", {"lying-on-back", "lying-on-front"}).has_value());
    // Words run together: the joins and one typo, not a changed word.
    CHECK(util::did_you_mean("lowerback", {"lower-back", "upper-back"}) == "lower-back");
    CHECK_FALSE(util::did_you_mean("kneereplacement", {"hip-replacement"}).has_value());
    CHECK(util::did_you_mean("discect", conditions) == "discectomy");
    // A word of a hyphenated name changed whole is another word.
    CHECK_FALSE(util::did_you_mean("back-pain", conditions).has_value());
    // A short start of a long name is not what it meant.
    CHECK_FALSE(util::did_you_mean("disc", conditions).has_value());
    // Dashes do not count towards the edits allowed: --desk is not --neck.
    CHECK_FALSE(util::did_you_mean("--desk", {"--neck", "--knee"}).has_value());
    CHECK(util::did_you_mean("--regoin", {"--neck", "--region"}) == "--region");
    // A joint by meaning: the same limb, not the neck.
    const std::vector<std::string> joints = {"neck_flexion", "left_knee_flexion", "right_knee_flexion"};
    CHECK(util::did_you_mean("knee_flexion", joints) == "left_knee_flexion");
    CHECK(util::did_you_mean("left_kne_flexion", joints) == "left_knee_flexion");
  }

  TEST_CASE("times in minutes are read as people write them")
  {
    for (const char* ten : {"10", "10m", "10min", "10 min", "10 minutes", " 10 ", "10MIN"}) {
      CAPTURE(ten);
      CHECK(util::parse_minutes(ten) == 10);
    }
    CHECK(util::parse_minutes("1h") == 60);
    CHECK(util::parse_minutes("2 hours") == 120);
    for (const char* wrong : {"", "min", "10x", "1.5h", "-5", "10 m in", "99999"}) {
      CAPTURE(wrong);
      CHECK_FALSE(util::parse_minutes(wrong).has_value());
    }
    CHECK(util::minutes_problem("10 min", 1, 180).empty());
    CHECK(util::minutes_problem("3h", 1, 180).empty());
    CHECK(util::minutes_problem("4h", 1, 180) ==
          "must be 1 to 180 minutes, as 10, 10m, 10min, 10 min or 1h, found '4h'");
  }

  TEST_CASE("a clock reads MM:SS up to 99 minutes and H:MM:SS from 100 on")
  {
    CHECK(util::format_clock(0) == "00:00");
    CHECK(util::format_clock(99 * 60 + 59) == "99:59");
    CHECK(util::format_clock(100 * 60) == "1:40:00");
    CHECK(util::format_clock(120 * 60) == "2:00:00");
    CHECK(util::format_clock(180 * 60 + 5, false) == "3:00:05");
    CHECK(util::format_clock(65, false) == "1:05");
  }
}

TEST_SUITE("run::screen")
{
  TEST_CASE("the run screen fits a wide name and step to its columns")
  {
    plan::Plan plan;
    plan::PlanItem item;
    item.exercise.id = "knee-hug";
    item.exercise.name = japanese + " " + japanese + " " + emoji;
    item.exercise.edit_details().steps = {japanese + " " + combining,
                                          japanese + " " + japanese + " " + japanese};
    item.position_name = "仰向け";
    item.dose = {10, 0, 2, 1, 5};
    item.dosage_words = plan::dosage_words(item.dose, false);
    item.duration = plan::duration(item.dose, false, 0);
    plan.items = {item};
    plan.total = item.duration;
    const auto schedule = run::make_schedule(plan);
    run::ScreenView view;
    view.phase = 1;
    view.phase_seconds_left = 8;
    view.seconds_left = 20;
    for (const int columns : {30, 40, 41}) {
      CAPTURE(columns);
      const auto lines = run::screen_lines(schedule, view, columns, 12, false);
      for (const auto& line : lines) {
        CAPTURE(line);
        CHECK(wc_columns(line) <= static_cast<std::size_t>(columns));
      }
      CHECK(lines[0].starts_with("1/1  " + japanese));
    }
  }
}
