#include "mappingjson.h"

#include "mappingbuilder.h"
#include "support/error.h"
#include "support/jsonfields.h"
#include "values.h"

namespace sessionscope {

namespace {

const QStringList kEntityFields{QStringLiteral("name"), QStringLiteral("table"),
                                QStringLiteral("columns"), QStringLiteral("relationships"),
                                QStringLiteral("composites")};
const QStringList kColumnFields{QStringLiteral("name"),        QStringLiteral("type"),
                                QStringLiteral("primary_key"), QStringLiteral("nullable"),
                                QStringLiteral("unique"),      QStringLiteral("default"),
                                QStringLiteral("references"),  QStringLiteral("version"),
                                QStringLiteral("json_kind"),   QStringLiteral("sensitive")};
const QStringList kRelationshipFields{
    QStringLiteral("name"),           QStringLiteral("target"),  QStringLiteral("kind"),
    QStringLiteral("back_populates"), QStringLiteral("cascade"), QStringLiteral("foreign_key"),
    QStringLiteral("post_update")};

void readColumn(EntityBuilder &entity, const JsonFields &fields)
{
    fields.allowOnly(kColumnFields);
    const QString name = fields.requiredString(QStringLiteral("name"));
    const QString typeName = fields.requiredString(QStringLiteral("type"));
    const auto type = columnTypeFromName(typeName);
    if (!type)
        fields.fail(QStringLiteral("type"),
                    QStringLiteral("unknown type \"%1\" (expected integer, text, real, boolean, "
                                   "json, blob or datetime)")
                        .arg(typeName));
    entity.column(name, *type);
    if (fields.optionalBool(QStringLiteral("primary_key"), false))
        entity.primaryKey();
    if (fields.has(QStringLiteral("nullable")))
        entity.nullable(fields.optionalBool(QStringLiteral("nullable"), true));
    if (fields.optionalBool(QStringLiteral("unique"), false))
        entity.unique();
    // json_kind first: the default is checked against it.
    JsonKind jsonKind = JsonKind::None;
    if (fields.has(QStringLiteral("json_kind"))) {
        const QString kind = fields.requiredString(QStringLiteral("json_kind"));
        if (kind == u"dict")
            entity.json(jsonKind = JsonKind::Dict);
        else if (kind == u"list")
            entity.json(jsonKind = JsonKind::List);
        else
            fields.fail(QStringLiteral("json_kind"),
                        QStringLiteral("must be \"dict\" or \"list\", not \"%1\"").arg(kind));
    }
    if (fields.has(QStringLiteral("default"))) {
        Column probe;
        probe.name = name;
        probe.type = *type;
        probe.jsonKind = jsonKind;
        QString why;
        const auto value = values::fromJson(probe, fields.value(QStringLiteral("default")), &why);
        if (!value)
            fields.fail(QStringLiteral("default"), why);
        entity.defaultValue(*value);
    }
    if (fields.has(QStringLiteral("references")))
        entity.references(fields.requiredString(QStringLiteral("references")));
    if (fields.optionalBool(QStringLiteral("version"), false))
        entity.version();
    if (fields.optionalBool(QStringLiteral("sensitive"), false))
        entity.sensitive();
}

Cascade readCascade(const JsonFields &fields)
{
    Cascade cascade;
    const QJsonArray names = fields.requiredArray(QStringLiteral("cascade"));
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString name = names.at(i).toString();
        if (name == u"save-update")
            cascade |= CascadeOption::SaveUpdate;
        else if (name == u"merge")
            cascade |= CascadeOption::Merge;
        else if (name == u"delete")
            cascade |= CascadeOption::Delete;
        else if (name == u"delete-orphan")
            cascade |= CascadeOption::DeleteOrphan;
        else if (name == u"expunge")
            cascade |= CascadeOption::Expunge;
        else if (name == u"refresh-expire")
            cascade |= CascadeOption::RefreshExpire;
        else if (name == u"all")
            cascade |= kAllCascade;
        else
            fields.fail(QStringLiteral("cascade[%1]").arg(i),
                        (names.at(i).isString() ? QStringLiteral("unknown cascade \"%1\"").arg(name)
                                                : QStringLiteral("a cascade is a string, not %1")
                                                      .arg(jsonTypeName(names.at(i)))) +
                            QStringLiteral(" (expected save-update, merge, delete, "
                                           "delete-orphan, expunge, refresh-expire or all)"));
    }
    return cascade;
}

void readRelationship(EntityBuilder &entity, const JsonFields &fields)
{
    fields.allowOnly(kRelationshipFields);
    const QString name = fields.requiredString(QStringLiteral("name"));
    const QString target = fields.requiredString(QStringLiteral("target"));
    const QString kind = fields.requiredString(QStringLiteral("kind"));
    if (kind == u"many_to_one")
        entity.manyToOne(name, target);
    else if (kind == u"one_to_many")
        entity.oneToMany(name, target);
    else
        fields.fail(
            QStringLiteral("kind"),
            QStringLiteral("must be \"many_to_one\" or \"one_to_many\", not \"%1\"").arg(kind));
    if (fields.has(QStringLiteral("back_populates")))
        entity.backPopulates(fields.requiredString(QStringLiteral("back_populates")));
    if (fields.has(QStringLiteral("cascade")))
        entity.cascade(readCascade(fields));
    if (fields.optionalBool(QStringLiteral("post_update"), false))
        entity.postUpdate();
    if (fields.has(QStringLiteral("foreign_key"))) {
        const QJsonValue fk = fields.value(QStringLiteral("foreign_key"));
        QStringList columns;
        if (fk.isString()) {
            columns.append(fk.toString());
        } else if (fk.isArray()) {
            const QJsonArray names = fk.toArray();
            for (qsizetype i = 0; i < names.size(); ++i) {
                if (!names.at(i).isString())
                    fields.fail(QStringLiteral("foreign_key[%1]").arg(i),
                                QStringLiteral("must be a column name, not %1")
                                    .arg(jsonTypeName(names.at(i))));
                columns.append(names.at(i).toString());
            }
        } else {
            fields.fail(QStringLiteral("foreign_key"),
                        QStringLiteral("must be a column name or an array of them"));
        }
        entity.foreignKey(columns);
    }
}

} // namespace

MappingPtr mappingFromJson(const QJsonObject &schema, const QString &path)
{
    const JsonFields root(schema, path);
    root.allowOnly({QStringLiteral("entities")});
    const QJsonArray entities = root.requiredArray(QStringLiteral("entities"));
    MappingBuilder builder;
    for (qsizetype i = 0; i < entities.size(); ++i) {
        const JsonFields fields =
            JsonFields::element(entities, i, root.pathOf(QStringLiteral("entities")));
        fields.allowOnly(kEntityFields);
        EntityBuilder &entity = builder.entity(fields.requiredString(QStringLiteral("name")),
                                               fields.requiredString(QStringLiteral("table")));
        const QJsonArray columns = fields.requiredArray(QStringLiteral("columns"));
        for (qsizetype c = 0; c < columns.size(); ++c)
            readColumn(entity,
                       JsonFields::element(columns, c, fields.pathOf(QStringLiteral("columns"))));
        const QJsonArray composites = fields.optionalArray(QStringLiteral("composites"));
        for (qsizetype c = 0; c < composites.size(); ++c) {
            const JsonFields composite =
                JsonFields::element(composites, c, fields.pathOf(QStringLiteral("composites")));
            composite.allowOnly({QStringLiteral("name"), QStringLiteral("columns")});
            QStringList columnNames;
            const QJsonArray names = composite.requiredArray(QStringLiteral("columns"));
            for (qsizetype n = 0; n < names.size(); ++n) {
                if (!names.at(n).isString())
                    composite.fail(QStringLiteral("columns[%1]").arg(n),
                                   QStringLiteral("must be a column name, not %1")
                                       .arg(jsonTypeName(names.at(n))));
                columnNames.append(names.at(n).toString());
            }
            entity.composite(composite.requiredString(QStringLiteral("name")), columnNames);
        }
        const QJsonArray relationships = fields.optionalArray(QStringLiteral("relationships"));
        for (qsizetype r = 0; r < relationships.size(); ++r)
            readRelationship(entity,
                             JsonFields::element(relationships, r,
                                                 fields.pathOf(QStringLiteral("relationships"))));
    }
    try {
        return builder.build();
    } catch (const MappingError &error) {
        throw InputError(path + QStringLiteral(": ") + error.message());
    }
}

QJsonObject mappingToJson(const Mapping &mapping)
{
    QJsonArray entities;
    for (const auto &entity : mapping.entities()) {
        QJsonArray columns;
        for (const Column &column : entity->columns()) {
            QJsonObject c{{QStringLiteral("name"), column.name},
                          {QStringLiteral("type"), columnTypeName(column.type)}};
            if (column.primaryKey)
                c.insert(QStringLiteral("primary_key"), true);
            if (column.nullable == column.primaryKey)
                c.insert(QStringLiteral("nullable"), column.nullable);
            if (column.unique)
                c.insert(QStringLiteral("unique"), true);
            if (column.hasDefault())
                c.insert(QStringLiteral("default"), values::toJson(column.defaultValue));
            if (column.isForeignKey())
                c.insert(QStringLiteral("references"),
                         QString(column.referencesTable + u'.' + column.referencesColumn));
            if (column.versionCounter)
                c.insert(QStringLiteral("version"), true);
            if (column.jsonKind != JsonKind::None)
                c.insert(QStringLiteral("json_kind"), column.jsonKind == JsonKind::Dict
                                                          ? QStringLiteral("dict")
                                                          : QStringLiteral("list"));
            if (column.sensitive)
                c.insert(QStringLiteral("sensitive"), true);
            columns.append(c);
        }
        QJsonArray relationships;
        for (const Relationship &relationship : entity->relationships()) {
            QJsonObject r{{QStringLiteral("name"), relationship.name},
                          {QStringLiteral("target"), relationship.targetName},
                          {QStringLiteral("kind"), relationship.isCollection()
                                                       ? QStringLiteral("one_to_many")
                                                       : QStringLiteral("many_to_one")}};
            if (!relationship.backPopulates.isEmpty())
                r.insert(QStringLiteral("back_populates"), relationship.backPopulates);
            QJsonArray cascade;
            for (CascadeOption option : {CascadeOption::SaveUpdate, CascadeOption::Merge,
                                         CascadeOption::Delete, CascadeOption::DeleteOrphan,
                                         CascadeOption::Expunge, CascadeOption::RefreshExpire}) {
                if (relationship.cascades(option))
                    cascade.append(cascadeOptionName(option));
            }
            r.insert(QStringLiteral("cascade"), cascade);
            if (!relationship.foreignKeyColumns.isEmpty())
                r.insert(QStringLiteral("foreign_key"),
                         QJsonArray::fromStringList(relationship.foreignKeyColumns));
            if (relationship.postUpdate)
                r.insert(QStringLiteral("post_update"), true);
            relationships.append(r);
        }
        QJsonObject e{{QStringLiteral("name"), entity->name()},
                      {QStringLiteral("table"), entity->table()},
                      {QStringLiteral("columns"), columns}};
        if (!relationships.isEmpty())
            e.insert(QStringLiteral("relationships"), relationships);
        QJsonArray composites;
        for (const Composite &composite : entity->composites()) {
            QStringList names;
            for (int c : composite.columns)
                names.append(entity->column(c).name);
            composites.append(
                QJsonObject{{QStringLiteral("name"), composite.name},
                            {QStringLiteral("columns"), QJsonArray::fromStringList(names)}});
        }
        if (!composites.isEmpty())
            e.insert(QStringLiteral("composites"), composites);
        entities.append(e);
    }
    return QJsonObject{{QStringLiteral("entities"), entities}};
}

} // namespace sessionscope
