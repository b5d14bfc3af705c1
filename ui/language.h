#pragma once

#include <QString>
#include <QStringList>

class QObject;

namespace sessionscope {

// The languages the inspector speaks: English, in which it is written, and those whose
// translations are built in (translations/*.ts). Codes, sorted: "de", "en", "ru".
QStringList availableLanguages();

// Installs the translations of a language on the application, owned by `owner` (they are
// removed with it): `requested` is a code such as "de" or "ru_RU", empty for the system's
// language. A language asked for by name that the inspector does not speak is not an error:
// the texts stay English and the warning returned says so and lists those available (empty
// when all is well). The system's language falls back to English silently.
QString installLanguage(const QString &requested, QObject *owner);

} // namespace sessionscope
