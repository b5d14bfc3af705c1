#include "lifecyclestyle.h"

#include <QCoreApplication>

namespace sessionscope {

namespace {

QColor blend(const QColor &a, const QColor &b, double weightOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - weightOfB) + b.redF() * weightOfB),
                            float(a.greenF() * (1 - weightOfB) + b.greenF() * weightOfB),
                            float(a.blueF() * (1 - weightOfB) + b.blueF() * weightOfB));
}

} // namespace

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QString lifecycleLabel(TraceLifecycle lifecycle)
{
    switch (lifecycle) {
    case TraceLifecycle::Transient:
        return QCoreApplication::translate("Lifecycle", "transient");
    case TraceLifecycle::Pending:
        return QCoreApplication::translate("Lifecycle", "pending");
    case TraceLifecycle::Persistent:
        return QCoreApplication::translate("Lifecycle", "persistent");
    case TraceLifecycle::Deleted:
        return QCoreApplication::translate("Lifecycle", "deleted");
    case TraceLifecycle::Detached:
        return QCoreApplication::translate("Lifecycle", "detached");
    }
    return {};
}

QColor lifecycleColor(TraceLifecycle lifecycle, const QPalette &palette)
{
    // One hue per state; lightness adapted to the background.
    int hue = 0;
    int saturation = 160;
    switch (lifecycle) {
    case TraceLifecycle::Transient:
        hue = 210;
        saturation = 15; // grey: the session does not know it
        break;
    case TraceLifecycle::Pending:
        hue = 38; // amber: waits for a flush
        break;
    case TraceLifecycle::Persistent:
        hue = 130; // green: in the database and the identity map
        break;
    case TraceLifecycle::Deleted:
        hue = 0; // red: deleted in the transaction
        break;
    case TraceLifecycle::Detached:
        hue = 265; // violet: left the session
        saturation = 90;
        break;
    }
    return QColor::fromHsl(hue, saturation, isDarkPalette(palette) ? 70 : 200);
}

QColor changedAtStepColor(const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), QColor::fromHsl(50, 255, 128),
                 isDarkPalette(palette) ? 0.28 : 0.35);
}

QColor linkColor(const QPalette &palette)
{
    QColor link = palette.color(QPalette::Link);
    // Some dark palettes keep the light theme's dark blue.
    if (isDarkPalette(palette) && link.lightnessF() < 0.55)
        link = QColor::fromHslF(link.hslHueF() < 0 ? 0.6f : link.hslHueF(), 0.9f, 0.72f);
    return link;
}

QColor errorTextColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(255, 120, 110) : QColor(180, 20, 20);
}

QColor futureTextColor(const QPalette &palette)
{
    return palette.color(QPalette::Disabled, QPalette::Text);
}

} // namespace sessionscope
