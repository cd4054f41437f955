#pragma once

#include "history/model.hpp"
#include "history/report.hpp"

#include <string>
#include <vector>

namespace backplan::history {

/// The span of the HTML report: twelve weeks.
inline constexpr Span html_span{12, 84};

/// What the HTML report says of the programme, if one is followed.
struct ReportContext {
  std::string programme; ///< "on Mon, Wed and Fri, for 6 weeks, from Mon 2 Nov 2026"; empty: none
};

/// The history as one HTML page for a clinician to read, with no script:
/// the totals, charts of pain (and the next morning's), effort and the
/// sessions done each week as inline SVG over `report`'s span (make it with
/// html_span), and a table of the last sessions; laid out to print within
/// two A4 or Letter pages.
std::string report_html(const std::vector<Session>& sessions, const Report& report,
                        const ReportContext& context);

} // namespace backplan::history
