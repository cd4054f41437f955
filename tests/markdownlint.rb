# markdownlint (mdl, Debian package ruby-mdl) style for the Markdown handout:
# `mdl -i -s tests/markdownlint.rb FILE.md`, as test_render_markdown.cpp runs it.
# Every rule is on; only matters of taste for a generated file are relaxed.
all

# MD013 line length: the handout writes each paragraph, list item and table
# row on one line (no hard wrapping, which would only move line breaks);
# table rows cannot be wrapped at all.
exclude_rule 'MD013'

# MD024 same heading text: every exercise has its own "#### Steps" and
# "#### Tips"; only a repeat under the same exercise would be a fault.
rule 'MD024', :allow_different_nesting => true

# MD029 ordered-list prefix: steps are numbered 1. 2. 3. so that the plain
# text reads as printed (mdl's default wants "1." on every item).
rule 'MD029', :style => :ordered
