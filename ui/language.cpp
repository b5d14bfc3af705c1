#include "language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace sessionscope {

namespace {

const QString kTranslations = QStringLiteral(":/sessionscope/i18n");

// "German (de)", in the language being shown.
QString languageName(const QString &code)
{
    return QStringLiteral("%1 (%2)").arg(QLocale::languageToString(QLocale(code).language()), code);
}

bool isEnglish(const QLocale &locale)
{
    return locale.language() == QLocale::English;
}

} // namespace

QStringList availableLanguages()
{
    QStringList codes{QStringLiteral("en")};
    const QString prefix = QStringLiteral("sessionscope_");
    const QStringList files = QDir(kTranslations).entryList({prefix + u"*.qm"}, QDir::Files);
    for (const QString &file : files)
        codes.append(file.sliced(prefix.size()).chopped(3)); // sessionscope_de.qm: de
    codes.sort();
    codes.removeDuplicates();
    return codes;
}

QString installLanguage(const QString &requested, QObject *owner)
{
    const QLocale locale = requested.isEmpty() ? QLocale::system() : QLocale(requested);
    // QLocale makes the C locale of a code it does not know ("xx").
    const bool known = requested.isEmpty() || locale.language() != QLocale::C ||
                       requested.compare(QLatin1String("C"), Qt::CaseInsensitive) == 0;
    auto *own = new QTranslator(owner);
    const bool translated =
        known && !isEnglish(locale) &&
        own->load(locale, QStringLiteral("sessionscope"), QStringLiteral("_"), kTranslations);
    if (!translated) {
        delete own;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const bool speaks = known && (isEnglish(locale) || locale.language() == QLocale::C);
        if (requested.isEmpty() || speaks)
            return {};
        QStringList names;
        for (const QString &code : availableLanguages())
            names.append(languageName(code));
        const QString asked =
            known ? languageName(requested) : QStringLiteral("\"%1\"").arg(requested);
        return QCoreApplication::translate(
                   "Language", "There is no %1 translation; the inspector speaks %2. Continuing "
                               "in English.")
            .arg(asked, names.join(QStringLiteral(", ")));
    }
    QLocale::setDefault(locale);
    QCoreApplication::installTranslator(own);
    // Qt's own texts (standard buttons, dialogs) when the system has them.
    auto *qt = new QTranslator(owner);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return {};
}

} // namespace sessionscope
