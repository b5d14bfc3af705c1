#pragma once

#include "trace/tracestate.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace sessionscope {

// How the inspector names and colours object states, everywhere alike. Colours are chosen for
// the palette in use so that badges stay readable on dark themes too.
QString lifecycleLabel(TraceLifecycle lifecycle);
QColor lifecycleColor(TraceLifecycle lifecycle, const QPalette &palette);
// The background of what the current step changed.
QColor changedAtStepColor(const QPalette &palette);
// The text of what failed (an operation, a statement).
QColor errorTextColor(const QPalette &palette);
// The text of what lies after the cursor.
QColor futureTextColor(const QPalette &palette);
// Links to other objects: the palette's, made light enough on a dark background.
QColor linkColor(const QPalette &palette);
bool isDarkPalette(const QPalette &palette);

} // namespace sessionscope
