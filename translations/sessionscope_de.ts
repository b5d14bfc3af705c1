<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>EventSummary</name>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="78"/>
        <source>(session)</source>
        <translation>(Session)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="81"/>
        <source>loaded → %1</source>
        <translation>geladen → %1</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="83"/>
        <source>%1 → %2</source>
        <comment>from one object state to another</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="85"/>
        <source>%1: %2</source>
        <comment>an object: its state change</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="88"/>
        <location filename="../ui/models/eventsummary.cpp" line="377"/>
        <source>%1 — failed: %2</source>
        <translation>%1 — fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/eventsummary.cpp" line="91"/>
        <source>(%n row(s))</source>
        <translation>
            <numerusform>(%n Zeile)</numerusform>
            <numerusform>(%n Zeilen)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="93"/>
        <source>%1: %2</source>
        <comment>an error&apos;s kind: its message</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="96"/>
        <source>%1.%2 += %3</source>
        <translation>%1.%2 += %3</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="99"/>
        <source>%1.%2 −= %3</source>
        <translation>%1.%2 −= %3</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="102"/>
        <source>%1.%2 changed in place</source>
        <translation>%1.%2 an Ort und Stelle geändert</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="105"/>
        <source>%1.%2 = %3</source>
        <translation>%1.%2 = %3</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="108"/>
        <source>(back-populated from %1.%2)</source>
        <translation>(per back_populates von %1.%2)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="111"/>
        <source>transaction begins</source>
        <translation>Transaktion beginnt</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="114"/>
        <source>before flush</source>
        <translation>vor dem Flush</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="117"/>
        <source>after flush (statements sent, objects not yet updated)</source>
        <translation>nach dem Flush (Anweisungen gesendet, Objekte noch nicht aktualisiert)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="121"/>
        <source>after flush: objects updated</source>
        <translation>nach dem Flush: Objekte aktualisiert</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="124"/>
        <source>before commit</source>
        <translation>vor dem Commit</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="127"/>
        <source>transaction committed</source>
        <translation>Transaktion festgeschrieben</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="130"/>
        <source>transaction rolled back</source>
        <translation>Transaktion zurückgerollt</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="133"/>
        <source>session rolled back</source>
        <translation>Session zurückgerollt</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="136"/>
        <source>savepoint opened (%1 open)</source>
        <translation>Sicherungspunkt gesetzt (%1 offen)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="139"/>
        <source>savepoint released (%1 open)</source>
        <translation>Sicherungspunkt freigegeben (%1 offen)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="142"/>
        <source>rolled back to the savepoint (%1 open)</source>
        <translation>zum Sicherungspunkt zurückgerollt (%1 offen)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="145"/>
        <source>%1: every attribute expired</source>
        <translation>%1: alle Attribute abgelaufen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="148"/>
        <source>%1: %2 expired</source>
        <translation>%1: %2 abgelaufen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="151"/>
        <source>#%1 is called %2</source>
        <translation>#%1 heißt %2</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="154"/>
        <source>the session already held objects when recording began</source>
        <translation>die Session enthielt schon Objekte, als die Aufzeichnung begann</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="158"/>
        <source>the whole state (for faster seeking)</source>
        <translation>der vollständige Zustand (für schnelleres Springen)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="161"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="164"/>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="191"/>
        <source>SQL</source>
        <comment>event type</comment>
        <translation>SQL</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="192"/>
        <source>lifecycle</source>
        <comment>event type</comment>
        <translation>Lebenszyklus</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="193"/>
        <source>attribute</source>
        <comment>event type</comment>
        <translation>Attribut</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="194"/>
        <source>session</source>
        <comment>event type</comment>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="195"/>
        <source>savepoint</source>
        <comment>event type</comment>
        <translation>Sicherungspunkt</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="196"/>
        <source>expire</source>
        <comment>event type</comment>
        <translation>Ablauf</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="197"/>
        <source>alias</source>
        <comment>event type</comment>
        <translation>Alias</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="198"/>
        <source>start</source>
        <comment>event type</comment>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="199"/>
        <source>begin</source>
        <comment>event type</comment>
        <translation>Beginn</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="200"/>
        <source>end</source>
        <comment>event type</comment>
        <translation>Ende</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="201"/>
        <source>keyframe</source>
        <comment>event type</comment>
        <translation>Keyframe</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="206"/>
        <source>new</source>
        <comment>operation kind</comment>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="207"/>
        <source>add</source>
        <comment>operation kind</comment>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="208"/>
        <source>delete</source>
        <comment>operation kind</comment>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="209"/>
        <source>set</source>
        <comment>operation kind</comment>
        <translation>Setzen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="210"/>
        <source>append</source>
        <comment>operation kind</comment>
        <translation>Anhängen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="211"/>
        <source>remove</source>
        <comment>operation kind</comment>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="212"/>
        <source>mutate</source>
        <comment>operation kind</comment>
        <translation>Verändern</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="213"/>
        <source>flag modified</source>
        <comment>operation kind</comment>
        <translation>Als geändert markieren</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="214"/>
        <source>read</source>
        <comment>operation kind</comment>
        <translation>Lesen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="215"/>
        <source>flush</source>
        <comment>operation kind</comment>
        <translation>Flush</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="216"/>
        <source>commit</source>
        <comment>operation kind</comment>
        <translation>Commit</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="217"/>
        <source>rollback</source>
        <comment>operation kind</comment>
        <translation>Rollback</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="218"/>
        <source>begin nested</source>
        <comment>operation kind</comment>
        <translation>Verschachtelt beginnen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="220"/>
        <source>release savepoint</source>
        <comment>operation kind</comment>
        <translation>Sicherungspunkt freigeben</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="222"/>
        <source>roll back to savepoint</source>
        <comment>operation kind</comment>
        <translation>Rollback zum Sicherungspunkt</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="223"/>
        <source>expire</source>
        <comment>operation kind</comment>
        <translation>Ablaufen lassen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="224"/>
        <source>expire all</source>
        <comment>operation kind</comment>
        <translation>Alle ablaufen lassen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="225"/>
        <source>refresh</source>
        <comment>operation kind</comment>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="226"/>
        <source>expunge</source>
        <comment>operation kind</comment>
        <translation>Aus der Session lösen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="227"/>
        <source>expunge all</source>
        <comment>operation kind</comment>
        <translation>Alle aus der Session lösen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="228"/>
        <source>merge</source>
        <comment>operation kind</comment>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="229"/>
        <source>get</source>
        <comment>operation kind</comment>
        <translation>Abrufen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="230"/>
        <source>query</source>
        <comment>operation kind</comment>
        <translation>Abfrage</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="231"/>
        <source>SQL</source>
        <comment>operation kind</comment>
        <translation>SQL</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="232"/>
        <source>note</source>
        <comment>operation kind</comment>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="233"/>
        <source>close</source>
        <comment>operation kind</comment>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="234"/>
        <source>bulk</source>
        <comment>operation kind</comment>
        <translation>Massenoperation</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="417"/>
        <source>%1 — did not finish</source>
        <translation>%1 — nicht beendet</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="67"/>
        <source>Inspects what an ORM session did, step by step.</source>
        <translation>Zeigt Schritt für Schritt, was eine ORM-Session getan hat.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="72"/>
        <source>A trace (.jsonl) or a scenario (.json) to open.</source>
        <translation>Ein zu öffnender Trace (.jsonl) oder ein Szenario (.json).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="75"/>
        <source>Open the bundled demo.</source>
        <translation>Das mitgelieferte Demo-Szenario öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="78"/>
        <source>Show the state after operation &lt;n&gt;.</source>
        <translation>Den Zustand nach Operation &lt;n&gt; zeigen.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="82"/>
        <source>Show the state after event &lt;m&gt; (counting from 1).</source>
        <translation>Den Zustand nach Ereignis &lt;m&gt; zeigen (ab 1 gezählt).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="86"/>
        <source>Select the object called &lt;name&gt; (e.g. u1).</source>
        <translation>Das Objekt namens &lt;name&gt; auswählen (z. B. u1).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="90"/>
        <source>Compare the states after operations &lt;a&gt;,&lt;b&gt; in the diff view (the window shows &lt;b&gt; unless --at or --at-event says otherwise).</source>
        <translation>Die Zustände nach den Operationen &lt;a&gt;,&lt;b&gt; im Vergleich gegenüberstellen (das Fenster zeigt &lt;b&gt;, sofern --at oder --at-event nichts anderes angeben).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="97"/>
        <source>Render the window to the PNG &lt;out&gt; and exit.</source>
        <translation>Das Fenster als PNG nach &lt;out&gt; zeichnen und beenden.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="101"/>
        <source>The window size, e.g. 1400x900.</source>
        <translation>Die Fenstergröße, z. B. 1400x900.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="105"/>
        <source>The language: %1 (default: the system&apos;s).</source>
        <translation>Die Sprache: %1 (Standard: die des Systems).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="117"/>
        <source>--size takes WIDTHxHEIGHT, not &quot;%1&quot;</source>
        <translation>--size erwartet BREITExHÖHE, nicht „%1“</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="139"/>
        <source>--at: there is no operation %1 (the trace has %2)</source>
        <translation>--at: Es gibt keine Operation %1 (der Trace hat %2)</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="148"/>
        <source>--at-event: there is no event %1 (the trace has %2)</source>
        <translation>--at-event: Es gibt kein Ereignis %1 (der Trace hat %2)</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="162"/>
        <source>--diff takes two operation numbers, e.g. 3,9</source>
        <translation>--diff erwartet zwei Operationsnummern, z. B. 3,9</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="173"/>
        <source>--object: nothing is called %1 at this step</source>
        <translation>--object: In diesem Schritt heißt nichts %1</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="183"/>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../ui/language.cpp" line="61"/>
        <source>There is no %1 translation; the inspector speaks %2. Continuing in English.</source>
        <translation>Es gibt keine Übersetzung für %1; der Inspektor spricht %2. Es geht auf Englisch weiter.</translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="27"/>
        <source>transient</source>
        <translation>transient</translation>
    </message>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="29"/>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="31"/>
        <source>persistent</source>
        <translation>persistent</translation>
    </message>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="33"/>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="35"/>
        <source>detached</source>
        <translation>losgelöst</translation>
    </message>
</context>
<context>
    <name>sessionscope::DiffModel</name>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="28"/>
        <source>(not loaded)</source>
        <translation>(nicht geladen)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="34"/>
        <source>added %1</source>
        <translation>hinzugefügt %1</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="36"/>
        <source>deleted %1</source>
        <translation>gelöscht %1</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="45"/>
        <source>none, the session was closed</source>
        <translation>keine, die Session wurde geschlossen</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="47"/>
        <location filename="../ui/models/diffmodel.cpp" line="106"/>
        <location filename="../ui/models/diffmodel.cpp" line="115"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="48"/>
        <source>must be rolled back</source>
        <translation>muss zurückgerollt werden</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="49"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/diffmodel.cpp" line="52"/>
        <source>%1, %n savepoint(s)</source>
        <translation>
            <numerusform>%1, %n Sicherungspunkt</numerusform>
            <numerusform>%1, %n Sicherungspunkte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="55"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="63"/>
        <source>state</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="65"/>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="67"/>
        <source>modified</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="69"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="71"/>
        <source>sets</source>
        <translation>Mengen</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="73"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="80"/>
        <source>identity map</source>
        <translation>Identity-Map</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="82"/>
        <source>new</source>
        <comment>the pending set</comment>
        <translation>neu</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="84"/>
        <source>dirty</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="86"/>
        <source>deleted</source>
        <comment>the pending set</comment>
        <translation>zu löschen</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="104"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="104"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="149"/>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="160"/>
        <location filename="../ui/models/diffmodel.cpp" line="161"/>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="160"/>
        <location filename="../ui/models/diffmodel.cpp" line="161"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="164"/>
        <source>Appeared (%1)</source>
        <translation>Hinzugekommen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="165"/>
        <source>Disappeared (%1)</source>
        <translation>Verschwunden (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="168"/>
        <source>Changed (%1)</source>
        <translation>Geändert (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="190"/>
        <source>No differences</source>
        <translation>Keine Unterschiede</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="244"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="246"/>
        <source>At A</source>
        <translation>Bei A</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="248"/>
        <source>At B</source>
        <translation>Bei B</translation>
    </message>
</context>
<context>
    <name>sessionscope::DiffView</name>
    <message>
        <location filename="../ui/views/diffview.cpp" line="22"/>
        <source>Mark A Here</source>
        <translation>A hier markieren</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="23"/>
        <source>Mark B Here</source>
        <translation>B hier markieren</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="24"/>
        <source>Go to A</source>
        <translation>Zu A gehen</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="25"/>
        <source>Go to B</source>
        <translation>Zu B gehen</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="30"/>
        <source>Differences</source>
        <translation>Unterschiede</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="35"/>
        <source>Compare from the current step</source>
        <translation>Vom aktuellen Schritt aus vergleichen</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="36"/>
        <source>Compare to the current step</source>
        <translation>Mit dem aktuellen Schritt vergleichen</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="42"/>
        <source>Step A</source>
        <translation>Schritt A</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="43"/>
        <source>Step B</source>
        <translation>Schritt B</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="94"/>
        <source>the start, before operation 1</source>
        <translation>der Anfang, vor Operation 1</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="99"/>
        <source>after operation %1: %2</source>
        <translation>nach Operation %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="100"/>
        <source>event %1, in operation %2: %3</source>
        <translation>Ereignis %1, in Operation %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="106"/>
        <source>the start</source>
        <translation>der Anfang</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="110"/>
        <source>after operation %1</source>
        <translation>nach Operation %1</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="111"/>
        <source>event %1</source>
        <translation>Ereignis %1</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="129"/>
        <source>not marked</source>
        <translation>nicht markiert</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="130"/>
        <source>&lt;b&gt;%1:&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1:&lt;/b&gt; %2</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="132"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="133"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="136"/>
        <source>At A (%1)</source>
        <translation>Bei A (%1)</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="137"/>
        <source>At B (%1)</source>
        <translation>Bei B (%1)</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="140"/>
        <source>Open a trace to compare two of its steps.</source>
        <translation>Öffnen Sie einen Trace, um zwei seiner Schritte zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="146"/>
        <source>Mark two steps, A and B (Diff menu, or the buttons above), to see what changed between them.</source>
        <translation>Markieren Sie zwei Schritte, A und B (Menü „Vergleich“ oder die Schaltflächen oben), um zu sehen, was sich dazwischen geändert hat.</translation>
    </message>
</context>
<context>
    <name>sessionscope::EventLogModel</name>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="277"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="279"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="281"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="283"/>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="291"/>
        <source>start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="300"/>
        <source>%L1 ms</source>
        <translation>%L1 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="314"/>
        <source>before the first operation</source>
        <translation>vor der ersten Operation</translation>
    </message>
</context>
<context>
    <name>sessionscope::EventLogView</name>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="39"/>
        <location filename="../ui/views/eventlogview.cpp" line="41"/>
        <source>Search events</source>
        <translation>Ereignisse durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="43"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="45"/>
        <source>Entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="47"/>
        <source>Show All</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="48"/>
        <source>Stop showing only the events that touched this object</source>
        <translation>Nicht mehr nur die Ereignisse zu diesem Objekt zeigen</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="56"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="57"/>
        <location filename="../ui/views/eventlogview.cpp" line="124"/>
        <source>Open a trace to see what its session did.</source>
        <translation>Öffnen Sie einen Trace, um zu sehen, was seine Session getan hat.</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="105"/>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="107"/>
        <source>All entities</source>
        <translation>Alle Entitäten</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="110"/>
        <source>operation: %1</source>
        <translation>Operation: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="112"/>
        <source>event: %1</source>
        <translation>Ereignis: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="123"/>
        <source>No event matches the filters.</source>
        <translation>Kein Ereignis passt zu den Filtern.</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="198"/>
        <source>Only events that touched &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Nur Ereignisse zu &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="199"/>
        <source>Only events that touched &lt;b&gt;%1.%2&lt;/b&gt;</source>
        <translation>Nur Ereignisse zu &lt;b&gt;%1.%2&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>sessionscope::IdentityMapModel</name>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="53"/>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="55"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="57"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="59"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="82"/>
        <location filename="../ui/models/identitymapmodel.cpp" line="124"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="126"/>
        <source>Modified: it has changes a flush would write.</source>
        <translation>Geändert: Es hat Änderungen, die ein Flush schreiben würde.</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="128"/>
        <source>Expired: %1</source>
        <translation>Abgelaufen: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="147"/>
        <source>modified</source>
        <translation>geändert</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/identitymapmodel.cpp" line="152"/>
        <source>%n expired</source>
        <translation>
            <numerusform>%n abgelaufen</numerusform>
            <numerusform>%n abgelaufen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sessionscope::IdentityMapView</name>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="27"/>
        <source>All objects</source>
        <translation>Alle Objekte</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="29"/>
        <source>Filter by name, key or value</source>
        <translation>Name, Schlüssel oder Wert</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="31"/>
        <source>Identity map filter</source>
        <translation>Filter der Identity-Map</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="32"/>
        <source>Entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="35"/>
        <source>Also show objects outside the identity map: transient, pending and detached ones</source>
        <translation>Auch Objekte außerhalb der Identity-Map zeigen: transiente, ausstehende und losgelöste</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="43"/>
        <location filename="../ui/views/identitymapview.cpp" line="94"/>
        <source>Open a trace to see its identity map.</source>
        <translation>Öffnen Sie einen Trace, um seine Identity-Map zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="44"/>
        <source>Identity map</source>
        <translation>Identity-Map</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="82"/>
        <source>All entities</source>
        <translation>Alle Entitäten</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="93"/>
        <source>No entities.</source>
        <translation>Keine Entitäten.</translation>
    </message>
</context>
<context>
    <name>sessionscope::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="62"/>
        <location filename="../ui/mainwindow.cpp" line="400"/>
        <source>SessionScope</source>
        <translation>SessionScope</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="83"/>
        <source>Open a trace or a scenario to begin.</source>
        <translation>Öffnen Sie einen Trace oder ein Szenario, um zu beginnen.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="138"/>
        <source>Event Log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="140"/>
        <source>Identity Map</source>
        <translation>Identity-Map</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="143"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="145"/>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="147"/>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="148"/>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="151"/>
        <source>Diff</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="166"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="170"/>
        <source>&amp;Reset Layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="171"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="172"/>
        <source>&amp;About SessionScope</source>
        <translation>&amp;Über SessionScope</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="174"/>
        <source>About SessionScope</source>
        <translation>Über SessionScope</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="175"/>
        <source>&lt;h3&gt;SessionScope %1&lt;/h3&gt;&lt;p&gt;An inspector for ORM session state: the identity map, the pending sets, each attribute&apos;s History and the SQL, at any step of a recorded session.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SessionScope %1&lt;/h3&gt;&lt;p&gt;Ein Inspektor für den Zustand von ORM-Sessions: die Identity-Map, die ausstehenden Mengen, der Verlauf jedes Attributs und das SQL, in jedem Schritt einer aufgezeichneten Session.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="184"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="185"/>
        <source>&amp;Open Trace…</source>
        <translation>Trace &amp;öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="188"/>
        <source>Open &amp;Scenario…</source>
        <translation>&amp;Szenario öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="190"/>
        <source>Run the &amp;Demo Scenario</source>
        <translation>&amp;Demo-Szenario ausführen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="191"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="193"/>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="196"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="199"/>
        <source>&amp;Step</source>
        <translation>Sc&amp;hritt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="209"/>
        <source>Step &amp;Over</source>
        <translation>&amp;Prozedurschritt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="210"/>
        <source>To the state after the next operation</source>
        <translation>Zum Zustand nach der nächsten Operation</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="211"/>
        <source>Step &amp;Back</source>
        <translation>Schritt &amp;zurück</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="212"/>
        <source>To the state after the previous operation</source>
        <translation>Zum Zustand nach der vorigen Operation</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="213"/>
        <source>Step &amp;Into</source>
        <translation>&amp;Einzelschritt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="214"/>
        <source>To the next event: statement by statement through a flush</source>
        <translation>Zum nächsten Ereignis: Anweisung für Anweisung durch einen Flush</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="215"/>
        <source>Step Back I&amp;nto</source>
        <translation>Einzelschritt zu&amp;rück</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>To the previous event</source>
        <translation>Zum vorigen Ereignis</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="217"/>
        <source>Step O&amp;ut</source>
        <translation>Ausführen bis &amp;Rücksprung</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <source>To the end of the current operation</source>
        <translation>Zum Ende der aktuellen Operation</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="219"/>
        <source>&amp;First Step</source>
        <translation>E&amp;rster Schritt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="220"/>
        <source>Before anything happened</source>
        <translation>Bevor etwas geschah</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="221"/>
        <source>&amp;Last Step</source>
        <translation>&amp;Letzter Schritt</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="222"/>
        <source>After everything happened</source>
        <translation>Nachdem alles geschah</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="238"/>
        <location filename="../ui/mainwindow.cpp" line="614"/>
        <source>&amp;Play</source>
        <translation>&amp;Abspielen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="242"/>
        <source>Play the events one after another (F5)</source>
        <translation>Die Ereignisse nacheinander abspielen (F5)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="243"/>
        <source>&amp;Go to Operation…</source>
        <translation>&amp;Gehe zu Operation…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="245"/>
        <source>&amp;Find Events…</source>
        <translation>Ereignisse &amp;suchen…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="251"/>
        <source>&amp;Diff</source>
        <translation>&amp;Vergleich</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="252"/>
        <source>Mark Step as &amp;A</source>
        <translation>Schritt als &amp;A markieren</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="258"/>
        <source>Mark Step as &amp;B</source>
        <translation>Schritt als &amp;B markieren</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="271"/>
        <source>Stepping</source>
        <translation>Schrittweise</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="279"/>
        <source>Play speed</source>
        <translation>Abspielgeschwindigkeit</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="280"/>
        <source>Events per second when playing</source>
        <translation>Ereignisse pro Sekunde beim Abspielen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>%1 events/s</source>
        <translation>%1 Ereignisse/s</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="288"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="289"/>
        <source>Drag through the whole timeline</source>
        <translation>Durch die ganze Zeitleiste ziehen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="333"/>
        <location filename="../ui/mainwindow.cpp" line="337"/>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="382"/>
        <source>Cannot step there</source>
        <translation>Dieser Schritt ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="387"/>
        <source>%1 — SessionScope</source>
        <translation>%1 — SessionScope</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="395"/>
        <source>The trace is incomplete</source>
        <translation>Der Trace ist unvollständig</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="396"/>
        <source>%1

The program that wrote it probably stopped while writing; everything before that line is shown.</source>
        <translation>%1

Das Programm, das ihn schrieb, wurde vermutlich mitten im Schreiben beendet; alles vor dieser Zeile wird gezeigt.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="504"/>
        <source>Step A marked: mark another step as B (Ctrl+Shift+B) to compare them.</source>
        <translation>Schritt A markiert: Markieren Sie einen anderen Schritt als B (Strg+Umschalt+B), um sie zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="505"/>
        <source>Step B marked: mark another step as A (Ctrl+Shift+A) to compare them.</source>
        <translation>Schritt B markiert: Markieren Sie einen anderen Schritt als A (Strg+Umschalt+A), um sie zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="552"/>
        <source>Nothing open</source>
        <translation>Nichts geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="559"/>
        <source>Start: before operation 1</source>
        <translation>Anfang: vor Operation 1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="561"/>
        <source>After operation %1 of %2</source>
        <translation>Nach Operation %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="563"/>
        <source>In operation %1 of %2</source>
        <translation>In Operation %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="565"/>
        <source>%1 · event %2 of %3</source>
        <translation>%1 · Ereignis %2 von %3</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="568"/>
        <source>Operation %1: %2</source>
        <translation>Operation %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="619"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="636"/>
        <source>Open Trace</source>
        <translation>Trace öffnen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="637"/>
        <source>Traces (*.jsonl);;Scenarios (*.json);;All files (*)</source>
        <translation>Traces (*.jsonl);;Szenarien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="644"/>
        <source>Open Scenario</source>
        <translation>Szenario öffnen</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="645"/>
        <source>Scenarios (*.json);;All files (*)</source>
        <translation>Szenarien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="656"/>
        <source>Go to Operation</source>
        <translation>Gehe zu Operation</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="656"/>
        <source>Show the state after operation:</source>
        <translation>Den Zustand nach Operation zeigen:</translation>
    </message>
</context>
<context>
    <name>sessionscope::ObjectModel</name>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="210"/>
        <source>The value the database holds as far as the session knows (History unchanged + deleted)</source>
        <translation>Der Wert in der Datenbank, soweit die Session ihn kennt (Verlauf: unverändert + gelöscht)</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="213"/>
        <source>History: values set since the object was loaded or last flushed</source>
        <translation>Verlauf: Werte, die seit dem Laden oder dem letzten Flush gesetzt wurden</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="215"/>
        <source>History: the loaded value that has not changed</source>
        <translation>Verlauf: der geladene Wert, der sich nicht geändert hat</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="217"/>
        <source>History: loaded values that were replaced or removed</source>
        <translation>Verlauf: geladene Werte, die ersetzt oder entfernt wurden</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="226"/>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="228"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="230"/>
        <source>Committed</source>
        <translation>Festgeschrieben</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="232"/>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="234"/>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="236"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="238"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="309"/>
        <location filename="../ui/models/objectmodel.cpp" line="377"/>
        <source>Go to %1</source>
        <translation>Zu %1 gehen</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="321"/>
        <source>(expired)</source>
        <translation>(abgelaufen)</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="321"/>
        <source>(not loaded)</source>
        <translation>(nicht geladen)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/objectmodel.cpp" line="323"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="340"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="351"/>
        <source>loaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="352"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="352"/>
        <source>not loaded</source>
        <translation>nicht geladen</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="396"/>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="398"/>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="400"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
</context>
<context>
    <name>sessionscope::ObjectView</name>
    <message>
        <location filename="../ui/views/objectview.cpp" line="26"/>
        <source>Events That Touched It</source>
        <translation>Ereignisse zu diesem Objekt</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="30"/>
        <source>Object attributes</source>
        <translation>Attribute des Objekts</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="34"/>
        <source>Filter the event log to the events that touched this object</source>
        <translation>Im Ereignisprotokoll nur die Ereignisse zu diesem Objekt zeigen</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="94"/>
        <source>Open a trace, then select an object.</source>
        <translation>Öffnen Sie einen Trace und wählen Sie dann ein Objekt.</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="100"/>
        <source>Select an object in the identity map or the pending sets to see its attributes and their History.</source>
        <translation>Wählen Sie ein Objekt in der Identity-Map oder den ausstehenden Mengen, um seine Attribute und deren Verlauf zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="108"/>
        <source>%1 does not exist at this step.</source>
        <translation>%1 existiert in diesem Schritt nicht.</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="118"/>
        <source>no key yet</source>
        <translation>noch kein Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="118"/>
        <source>key %1</source>
        <translation>Schlüssel %1</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="122"/>
        <source>modified</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="147"/>
        <source>Events That Touched %1.%2</source>
        <translation>Ereignisse zu %1.%2</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="149"/>
        <source>Events That Touched %1</source>
        <translation>Ereignisse zu %1</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="154"/>
        <source>Go to %1</source>
        <translation>Zu %1 gehen</translation>
    </message>
</context>
<context>
    <name>sessionscope::PendingModel</name>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="48"/>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="50"/>
        <source>Entity</source>
        <translation>Entität</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="52"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="54"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="73"/>
        <source>new (%1)</source>
        <translation>neu (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="75"/>
        <source>dirty (%1)</source>
        <translation>geändert (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="77"/>
        <source>deleted (%1)</source>
        <translation>zu löschen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="85"/>
        <source>Pending objects: the next flush INSERTs them.</source>
        <translation>Ausstehende Objekte: Der nächste Flush fügt sie per INSERT ein.</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="87"/>
        <source>Persistent objects with changes: the next flush UPDATEs them.</source>
        <translation>Persistente Objekte mit Änderungen: Der nächste Flush schreibt sie per UPDATE.</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="89"/>
        <source>Objects marked for deletion: the next flush DELETEs them.</source>
        <translation>Zum Löschen markierte Objekte: Der nächste Flush löscht sie per DELETE.</translation>
    </message>
</context>
<context>
    <name>sessionscope::PendingView</name>
    <message>
        <location filename="../ui/views/pendingview.cpp" line="23"/>
        <source>Open a trace to see its session&apos;s new, dirty and deleted objects.</source>
        <translation>Öffnen Sie einen Trace, um die neuen, geänderten und zu löschenden Objekte seiner Session zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/views/pendingview.cpp" line="25"/>
        <source>Pending sets</source>
        <translation>Ausstehende Mengen</translation>
    </message>
    <message>
        <location filename="../ui/views/pendingview.cpp" line="73"/>
        <source>The new, dirty and deleted sets are empty at this step.</source>
        <translation>Die Mengen der neuen, geänderten und zu löschenden Objekte sind in diesem Schritt leer.</translation>
    </message>
</context>
<context>
    <name>sessionscope::SqlModel</name>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="86"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="88"/>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="90"/>
        <source>Statement</source>
        <translation>Anweisung</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="92"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="94"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="96"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/sqlmodel.cpp" line="118"/>
        <source>… %n more row(s)</source>
        <translation>
            <numerusform>… %n weitere Zeile</numerusform>
            <numerusform>… %n weitere Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="124"/>
        <source>%L1 ms</source>
        <translation>%L1 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="166"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="182"/>
        <source>%1 — failed</source>
        <translation>%1 — fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="186"/>
        <source>?</source>
        <translation>?</translation>
    </message>
</context>
<context>
    <name>sessionscope::SqlView</name>
    <message>
        <location filename="../ui/views/sqlview.cpp" line="31"/>
        <source>SQL statements</source>
        <translation>SQL-Anweisungen</translation>
    </message>
</context>
<context>
    <name>sessionscope::TransactionView</name>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="25"/>
        <source>Savepoint</source>
        <translation>Sicherungspunkt</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="25"/>
        <source>Opened in operation</source>
        <translation>Gesetzt in Operation</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="25"/>
        <source>By</source>
        <translation>Durch</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="27"/>
        <source>Open savepoints</source>
        <translation>Offene Sicherungspunkte</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="85"/>
        <source>The session must be rolled back.</source>
        <translation>Die Session muss zurückgerollt werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="86"/>
        <source>The session must be rolled back: %1</source>
        <translation>Die Session muss zurückgerollt werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="107"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; active (began in operation %1)</source>
        <translation>&lt;b&gt;Transaktion:&lt;/b&gt; aktiv (begonnen in Operation %1)</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="109"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; active</source>
        <translation>&lt;b&gt;Transaktion:&lt;/b&gt; aktiv</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="112"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; must be rolled back; every operation but a rollback is refused until then</source>
        <translation>&lt;b&gt;Transaktion:&lt;/b&gt; muss zurückgerollt werden; bis dahin wird jede Operation außer einem Rollback abgewiesen</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="116"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; none, the session was closed; its next use begins one</source>
        <translation>&lt;b&gt;Transaktion:&lt;/b&gt; keine, die Session wurde geschlossen; ihre nächste Verwendung beginnt eine</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="152"/>
        <source>Open a trace to see its transactions.</source>
        <translation>Öffnen Sie einen Trace, um seine Transaktionen zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="138"/>
        <source>&lt;b&gt;Flush:&lt;/b&gt; in progress (operation %1)</source>
        <translation>&lt;b&gt;Flush:&lt;/b&gt; läuft (Operation %1)</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="120"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; none; the next operation that needs the database begins one</source>
        <translation>&lt;b&gt;Transaktion:&lt;/b&gt; keine; die nächste Operation, die die Datenbank braucht, beginnt eine</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/transactionview.cpp" line="144"/>
        <source>&lt;b&gt;Savepoints:&lt;/b&gt; %n open</source>
        <translation>
            <numerusform>&lt;b&gt;Sicherungspunkte:&lt;/b&gt; %n offen</numerusform>
            <numerusform>&lt;b&gt;Sicherungspunkte:&lt;/b&gt; %n offen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="145"/>
        <source>&lt;b&gt;Savepoints:&lt;/b&gt; none</source>
        <translation>&lt;b&gt;Sicherungspunkte:&lt;/b&gt; keine</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="175"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
</context>
<context>
    <name>sessionscope::WelcomePage</name>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="16"/>
        <source>SessionScope</source>
        <translation>SessionScope</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="22"/>
        <source>See what an ORM session does: its identity map, pending sets, each attribute&apos;s History and the SQL of every flush, stepped through like a debugger.</source>
        <translation>Sehen Sie, was eine ORM-Session tut: ihre Identity-Map, die ausstehenden Mengen, den Verlauf jedes Attributs und das SQL jedes Flushs, Schritt für Schritt wie in einem Debugger.</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="27"/>
        <source>Run the Demo Scenario</source>
        <translation>Demo-Szenario ausführen</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="28"/>
        <source>Runs a bundled scenario on an in-memory SQLite database and opens its trace</source>
        <translation>Führt ein mitgeliefertes Szenario auf einer SQLite-Datenbank im Arbeitsspeicher aus und öffnet seinen Trace</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="30"/>
        <source>Open a Trace…</source>
        <translation>Trace öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="31"/>
        <source>A .jsonl trace recorded by sessionscope-cli run --trace or by an application</source>
        <translation>Ein .jsonl-Trace, aufgezeichnet von sessionscope-cli run --trace oder von einer Anwendung</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="33"/>
        <source>Open a Scenario…</source>
        <translation>Szenario öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="34"/>
        <source>A scenario .json file: it runs on an in-memory SQLite database and its timeline opens</source>
        <translation>Eine Szenario-Datei (.json): Sie läuft auf einer SQLite-Datenbank im Arbeitsspeicher, dann öffnet sich ihre Zeitleiste</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="37"/>
        <source>Or drop a trace or a scenario on this window.</source>
        <translation>Oder ziehen Sie einen Trace oder ein Szenario auf dieses Fenster.</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="40"/>
        <location filename="../ui/views/welcomepage.cpp" line="44"/>
        <source>Recent files</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="83"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="90"/>
        <source>Nothing opened yet.</source>
        <translation>Noch nichts geöffnet.</translation>
    </message>
</context>
</TS>
