#pragma once

#include "mapping/mapping.h"
#include "support/error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <exception>
#include <string>

namespace sessionscope {

// A problem with a scenario itself (not with what its steps do to the session): the run stops.
// The message reads "FILE: step N: what is wrong" or "FILE:LINE:COLUMN: what is wrong".
class ScenarioError : public MessageError
{
public:
    using MessageError::MessageError;
};

struct ScenarioStep
{
    int number = 0; // counting from 1
    QString op;
    QJsonObject fields;

    // What the step does, for people: `set u1 name = "bob"`, `new User as u1`, `flush`.
    QString summary() const;
};

// A parsed, validated scenario (docs/scenario-format.md). Every step's op and fields are checked
// when it is loaded; aliases are checked as the steps run.
struct Scenario
{
    QString source; // file name used in messages
    QString title;
    QString description;
    bool autoflush = true;
    bool expireOnCommit = true;
    MappingPtr mapping;
    QList<ScenarioStep> steps;

    static Scenario fromFile(const QString &path);
    static Scenario fromJson(const QByteArray &json, const QString &source);

    [[noreturn]] void fail(const ScenarioStep &step, const QString &message) const;
};

// The ops the format defines.
const QStringList &scenarioOps();

} // namespace sessionscope
