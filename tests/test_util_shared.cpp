#include "backplan/catalog/model.hpp"
#include "backplan/util/box.hpp"
#include "backplan/util/shared_text.hpp"

#include <doctest/doctest.h>
#include <memory>
#include <string>
#include <vector>

using namespace backplan;

TEST_SUITE("util::shared")
{
  TEST_CASE("texts viewed through one keeper keep its owner alive until the last of them goes")
  {
    auto bytes = std::make_shared<const std::string>("Keep the knee over the ankle.");
    const std::weak_ptr<const std::string> watch = bytes;
    std::vector<util::SharedText> texts;
    {
      const util::SharedText::Keeper keeper(std::move(bytes));
      const std::string_view all = *watch.lock();
      texts.push_back(util::SharedText::view_of(all.substr(0, 4), keeper));
      texts.push_back(util::SharedText::view_of(all.substr(5, 3), keeper));
    }
    CHECK_FALSE(watch.expired());
    CHECK(texts[0] == "Keep");
    CHECK(texts[1] == "the");
    CHECK(texts[0].data() == watch.lock()->data()); // a view, not a copy
    const util::SharedText copy = texts[1];
    texts.clear();
    CHECK_FALSE(watch.expired());
    CHECK(copy == "the");
    CHECK(copy.size() == 3);
  }

  TEST_CASE("a text of its own outlives the string it was made from, and copies share it")
  {
    util::SharedText kept;
    {
      std::string text = "Stop if the pain spreads down the leg.";
      kept = util::SharedText(text);
      text.assign(text.size(), 'x');
    }
    const util::SharedText copy = kept;
    CHECK(kept == "Stop if the pain spreads down the leg.");
    CHECK(copy.data() == kept.data());
    CHECK(util::SharedText().empty());
    CHECK(util::SharedText("").empty());
    CHECK(sizeof(util::SharedText) == 24);
  }

  TEST_CASE("a file name is shared by its copies and read whole")
  {
    catalog::FileName name(std::string(200, 'a') + ".yaml");
    const catalog::FileName copy = name;
    CHECK(copy.view().data() == name.view().data());
    CHECK(copy.view().size() == 205);
    CHECK(copy.starts_with("aaa"));
    name = catalog::FileName("other.yaml");
    CHECK(copy.view().ends_with("a.yaml"));
    CHECK(name == "other.yaml");
    CHECK(catalog::FileName().empty());
    CHECK(catalog::FileName("").empty());
    CHECK(sizeof(catalog::FileName) == sizeof(void*));
  }

  TEST_CASE("a boxed vector reads as its items, holds nothing when empty, and copies its items")
  {
    util::BoxedVector<std::string> values;
    CHECK(values.empty());
    CHECK(values.get().empty());
    CHECK(values.begin() == values.end());
    values = std::vector<std::string>{"early", "late"};
    CHECK(values.size() == 2);
    CHECK(values[1] == "late");
    util::BoxedVector<std::string> copy = values;
    copy.edit().push_back("cleared");
    CHECK(values.size() == 2);
    CHECK(copy.get() == std::vector<std::string>{"early", "late", "cleared"});
    CHECK_FALSE(copy == values);
    values = std::vector<std::string>{};
    CHECK(values.empty());
    CHECK(values == util::BoxedVector<std::string>{});
    CHECK(sizeof(values) == sizeof(void*));
  }
}
