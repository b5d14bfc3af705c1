<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>EventSummary</name>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="78"/>
        <source>(session)</source>
        <translation>(сессия)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="81"/>
        <source>loaded → %1</source>
        <translation>загружен → %1</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="111"/>
        <source>transaction begins</source>
        <translation>начало транзакции</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="114"/>
        <source>before flush</source>
        <translation>перед сбросом</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="117"/>
        <source>after flush (statements sent, objects not yet updated)</source>
        <translation>после сброса (запросы отправлены, объекты ещё не обновлены)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="121"/>
        <source>after flush: objects updated</source>
        <translation>после сброса: объекты обновлены</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="124"/>
        <source>before commit</source>
        <translation>перед фиксацией</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="127"/>
        <source>transaction committed</source>
        <translation>транзакция зафиксирована</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="130"/>
        <source>transaction rolled back</source>
        <translation>транзакция откачена</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="133"/>
        <source>session rolled back</source>
        <translation>сессия откачена</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="417"/>
        <source>%1 — did not finish</source>
        <translation>%1 — не завершена</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="88"/>
        <location filename="../ui/models/eventsummary.cpp" line="377"/>
        <source>%1 — failed: %2</source>
        <translation>%1 — ошибка: %2</translation>
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
    <message numerus="yes">
        <location filename="../ui/models/eventsummary.cpp" line="91"/>
        <source>(%n row(s))</source>
        <translation>
            <numerusform>(%n строка)</numerusform>
            <numerusform>(%n строки)</numerusform>
            <numerusform>(%n строк)</numerusform>
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
        <translation>%1.%2 изменён на месте</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="105"/>
        <source>%1.%2 = %3</source>
        <translation>%1.%2 = %3</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="108"/>
        <source>(back-populated from %1.%2)</source>
        <translation>(обратное заполнение из %1.%2)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="136"/>
        <source>savepoint opened (%1 open)</source>
        <translation>точка сохранения открыта (открыто: %1)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="139"/>
        <source>savepoint released (%1 open)</source>
        <translation>точка сохранения освобождена (открыто: %1)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="142"/>
        <source>rolled back to the savepoint (%1 open)</source>
        <translation>откат к точке сохранения (открыто: %1)</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="145"/>
        <source>%1: every attribute expired</source>
        <translation>%1: устарели все атрибуты</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="148"/>
        <source>%1: %2 expired</source>
        <translation>%1: устаревшие атрибуты — %2</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="151"/>
        <source>#%1 is called %2</source>
        <translation>#%1 получает имя %2</translation>
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
        <translation>жизненный цикл</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="193"/>
        <source>attribute</source>
        <comment>event type</comment>
        <translation>атрибут</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="194"/>
        <source>session</source>
        <comment>event type</comment>
        <translation>сессия</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="195"/>
        <source>savepoint</source>
        <comment>event type</comment>
        <translation>точка сохранения</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="196"/>
        <source>expire</source>
        <comment>event type</comment>
        <translation>устаревание</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="197"/>
        <source>alias</source>
        <comment>event type</comment>
        <translation>псевдоним</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="198"/>
        <source>start</source>
        <comment>event type</comment>
        <translation>старт</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="199"/>
        <source>begin</source>
        <comment>event type</comment>
        <translation>начало</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="200"/>
        <source>end</source>
        <comment>event type</comment>
        <translation>конец</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="201"/>
        <source>keyframe</source>
        <comment>event type</comment>
        <translation>ключевой кадр</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="206"/>
        <source>new</source>
        <comment>operation kind</comment>
        <translation>создание</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="207"/>
        <source>add</source>
        <comment>operation kind</comment>
        <translation>добавление</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="208"/>
        <source>delete</source>
        <comment>operation kind</comment>
        <translation>удаление</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="209"/>
        <source>set</source>
        <comment>operation kind</comment>
        <translation>присваивание</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="210"/>
        <source>append</source>
        <comment>operation kind</comment>
        <translation>дополнение</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="211"/>
        <source>remove</source>
        <comment>operation kind</comment>
        <translation>изъятие</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="212"/>
        <source>mutate</source>
        <comment>operation kind</comment>
        <translation>мутация</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="213"/>
        <source>flag modified</source>
        <comment>operation kind</comment>
        <translation>пометка изменения</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="214"/>
        <source>read</source>
        <comment>operation kind</comment>
        <translation>чтение</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="215"/>
        <source>flush</source>
        <comment>operation kind</comment>
        <translation>сброс</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="216"/>
        <source>commit</source>
        <comment>operation kind</comment>
        <translation>фиксация</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="217"/>
        <source>rollback</source>
        <comment>operation kind</comment>
        <translation>откат</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="218"/>
        <source>begin nested</source>
        <comment>operation kind</comment>
        <translation>вложенная транзакция</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="220"/>
        <source>release savepoint</source>
        <comment>operation kind</comment>
        <translation>освобождение точки сохранения</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="222"/>
        <source>roll back to savepoint</source>
        <comment>operation kind</comment>
        <translation>откат к точке сохранения</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="223"/>
        <source>expire</source>
        <comment>operation kind</comment>
        <translation>устаревание</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="224"/>
        <source>expire all</source>
        <comment>operation kind</comment>
        <translation>устаревание всех</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="225"/>
        <source>refresh</source>
        <comment>operation kind</comment>
        <translation>обновление</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="226"/>
        <source>expunge</source>
        <comment>operation kind</comment>
        <translation>исключение из сессии</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="227"/>
        <source>expunge all</source>
        <comment>operation kind</comment>
        <translation>исключение всех</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="228"/>
        <source>merge</source>
        <comment>operation kind</comment>
        <translation>слияние</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="229"/>
        <source>get</source>
        <comment>operation kind</comment>
        <translation>получение</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="230"/>
        <source>query</source>
        <comment>operation kind</comment>
        <translation>запрос</translation>
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
        <translation>заметка</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="233"/>
        <source>close</source>
        <comment>operation kind</comment>
        <translation>закрытие</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="234"/>
        <source>bulk</source>
        <comment>operation kind</comment>
        <translation>пакетная операция</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="154"/>
        <source>the session already held objects when recording began</source>
        <translation>к началу записи в сессии уже были объекты</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="161"/>
        <source>failed: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="164"/>
        <source>done</source>
        <translation>завершено</translation>
    </message>
    <message>
        <location filename="../ui/models/eventsummary.cpp" line="158"/>
        <source>the whole state (for faster seeking)</source>
        <translation>полное состояние (для быстрой перемотки)</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="67"/>
        <source>Inspects what an ORM session did, step by step.</source>
        <translation>Пошагово показывает, что делала сессия ORM.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="72"/>
        <source>A trace (.jsonl) or a scenario (.json) to open.</source>
        <translation>Трасса (.jsonl) или сценарий (.json) для открытия.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="75"/>
        <source>Open the bundled demo.</source>
        <translation>Открыть встроенный демо-сценарий.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="78"/>
        <source>Show the state after operation &lt;n&gt;.</source>
        <translation>Показать состояние после операции &lt;n&gt;.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="82"/>
        <source>Show the state after event &lt;m&gt; (counting from 1).</source>
        <translation>Показать состояние после события &lt;m&gt; (нумерация с 1).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="86"/>
        <source>Select the object called &lt;name&gt; (e.g. u1).</source>
        <translation>Выбрать объект с именем &lt;name&gt; (например, u1).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="90"/>
        <source>Compare the states after operations &lt;a&gt;,&lt;b&gt; in the diff view (the window shows &lt;b&gt; unless --at or --at-event says otherwise).</source>
        <translation>Сравнить в окне сравнения состояния после операций &lt;a&gt;,&lt;b&gt; (окно показывает &lt;b&gt;, если --at или --at-event не задают другое).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="97"/>
        <source>Render the window to the PNG &lt;out&gt; and exit.</source>
        <translation>Отрисовать окно в PNG-файл &lt;out&gt; и выйти.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="101"/>
        <source>The window size, e.g. 1400x900.</source>
        <translation>Размер окна, например, 1400x900.</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="105"/>
        <source>The language: %1 (default: the system&apos;s).</source>
        <translation>Язык: %1 (по умолчанию — язык системы).</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="117"/>
        <source>--size takes WIDTHxHEIGHT, not &quot;%1&quot;</source>
        <translation>--size ожидает ШИРИНАxВЫСОТА, а не «%1»</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="139"/>
        <source>--at: there is no operation %1 (the trace has %2)</source>
        <translation>--at: операции %1 нет (в трассе их %2)</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="148"/>
        <source>--at-event: there is no event %1 (the trace has %2)</source>
        <translation>--at-event: события %1 нет (в трассе их %2)</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="162"/>
        <source>--diff takes two operation numbers, e.g. 3,9</source>
        <translation>--diff ожидает два номера операций, например 3,9</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="173"/>
        <source>--object: nothing is called %1 at this step</source>
        <translation>--object: на этом шаге нет объекта с именем %1</translation>
    </message>
    <message>
        <location filename="../ui/inspectorapp.cpp" line="183"/>
        <source>cannot write %1</source>
        <translation>не удаётся записать %1</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../ui/language.cpp" line="61"/>
        <source>There is no %1 translation; the inspector speaks %2. Continuing in English.</source>
        <translation>Перевода на %1 нет; инспектор говорит на: %2. Продолжаем на английском.</translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="27"/>
        <source>transient</source>
        <translation>временный</translation>
    </message>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="29"/>
        <source>pending</source>
        <translation>ожидающий</translation>
    </message>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="31"/>
        <source>persistent</source>
        <translation>постоянный</translation>
    </message>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="33"/>
        <source>deleted</source>
        <translation>удалённый</translation>
    </message>
    <message>
        <location filename="../ui/lifecyclestyle.cpp" line="35"/>
        <source>detached</source>
        <translation>отсоединённый</translation>
    </message>
</context>
<context>
    <name>sessionscope::DiffModel</name>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="28"/>
        <source>(not loaded)</source>
        <translation>(не загружен)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="34"/>
        <source>added %1</source>
        <translation>добавлено %1</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="36"/>
        <source>deleted %1</source>
        <translation>удалено %1</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="45"/>
        <source>none, the session was closed</source>
        <translation>нет, сессия закрыта</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="47"/>
        <location filename="../ui/models/diffmodel.cpp" line="106"/>
        <location filename="../ui/models/diffmodel.cpp" line="115"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="48"/>
        <source>must be rolled back</source>
        <translation>требует отката</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="49"/>
        <source>active</source>
        <translation>активна</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/diffmodel.cpp" line="52"/>
        <source>%1, %n savepoint(s)</source>
        <translation>
            <numerusform>%1, %n точка сохранения</numerusform>
            <numerusform>%1, %n точки сохранения</numerusform>
            <numerusform>%1, %n точек сохранения</numerusform>
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
        <translation>состояние</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="65"/>
        <source>key</source>
        <translation>ключ</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="67"/>
        <source>modified</source>
        <translation>изменён</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="69"/>
        <source>expired</source>
        <translation>устаревшие</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="71"/>
        <source>sets</source>
        <translation>наборы</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="73"/>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="80"/>
        <source>identity map</source>
        <translation>карта идентичности</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="82"/>
        <source>new</source>
        <comment>the pending set</comment>
        <translation>новые</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="84"/>
        <source>dirty</source>
        <translation>изменённые</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="86"/>
        <source>deleted</source>
        <comment>the pending set</comment>
        <translation>к удалению</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="104"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="104"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="149"/>
        <source>Transaction</source>
        <translation>Транзакция</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="160"/>
        <location filename="../ui/models/diffmodel.cpp" line="161"/>
        <source>present</source>
        <translation>есть</translation>
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
        <translation>Появились (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="165"/>
        <source>Disappeared (%1)</source>
        <translation>Исчезли (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="168"/>
        <source>Changed (%1)</source>
        <translation>Изменились (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="190"/>
        <source>No differences</source>
        <translation>Различий нет</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="244"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="246"/>
        <source>At A</source>
        <translation>На шаге A</translation>
    </message>
    <message>
        <location filename="../ui/models/diffmodel.cpp" line="248"/>
        <source>At B</source>
        <translation>На шаге B</translation>
    </message>
</context>
<context>
    <name>sessionscope::DiffView</name>
    <message>
        <location filename="../ui/views/diffview.cpp" line="22"/>
        <source>Mark A Here</source>
        <translation>Отметить здесь A</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="23"/>
        <source>Mark B Here</source>
        <translation>Отметить здесь B</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="24"/>
        <source>Go to A</source>
        <translation>Перейти к A</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="25"/>
        <source>Go to B</source>
        <translation>Перейти к B</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="30"/>
        <source>Differences</source>
        <translation>Различия</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="35"/>
        <source>Compare from the current step</source>
        <translation>Сравнивать, начиная с текущего шага</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="36"/>
        <source>Compare to the current step</source>
        <translation>Сравнивать до текущего шага</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="42"/>
        <source>Step A</source>
        <translation>Шаг A</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="43"/>
        <source>Step B</source>
        <translation>Шаг B</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="94"/>
        <source>the start, before operation 1</source>
        <translation>начало, перед операцией 1</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="99"/>
        <source>after operation %1: %2</source>
        <translation>после операции %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="100"/>
        <source>event %1, in operation %2: %3</source>
        <translation>событие %1, внутри операции %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="106"/>
        <source>the start</source>
        <translation>начало</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="110"/>
        <source>after operation %1</source>
        <translation>после операции %1</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="111"/>
        <source>event %1</source>
        <translation>событие %1</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="140"/>
        <source>Open a trace to compare two of its steps.</source>
        <translation>Откройте трассу, чтобы сравнить два её шага.</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="129"/>
        <source>not marked</source>
        <translation>не отмечен</translation>
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
        <translation>На шаге A (%1)</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="137"/>
        <source>At B (%1)</source>
        <translation>На шаге B (%1)</translation>
    </message>
    <message>
        <location filename="../ui/views/diffview.cpp" line="146"/>
        <source>Mark two steps, A and B (Diff menu, or the buttons above), to see what changed between them.</source>
        <translation>Отметьте два шага, A и B (меню «Сравнение» или кнопки выше), чтобы увидеть, что изменилось между ними.</translation>
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
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="281"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="283"/>
        <source>What happened</source>
        <translation>Что произошло</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="291"/>
        <source>start</source>
        <translation>старт</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="300"/>
        <source>%L1 ms</source>
        <translation>%L1 мс</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="314"/>
        <source>before the first operation</source>
        <translation>перед первой операцией</translation>
    </message>
</context>
<context>
    <name>sessionscope::EventLogView</name>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="39"/>
        <location filename="../ui/views/eventlogview.cpp" line="41"/>
        <source>Search events</source>
        <translation>Поиск событий</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="43"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="45"/>
        <source>Entity</source>
        <translation>Сущность</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="47"/>
        <source>Show All</source>
        <translation>Показать все</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="48"/>
        <source>Stop showing only the events that touched this object</source>
        <translation>Больше не показывать только события, затронувшие этот объект</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="56"/>
        <source>Event log</source>
        <translation>Журнал событий</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="57"/>
        <location filename="../ui/views/eventlogview.cpp" line="124"/>
        <source>Open a trace to see what its session did.</source>
        <translation>Откройте трассу, чтобы увидеть, что делала её сессия.</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="105"/>
        <source>All kinds</source>
        <translation>Все типы</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="107"/>
        <source>All entities</source>
        <translation>Все сущности</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="110"/>
        <source>operation: %1</source>
        <translation>операция: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="112"/>
        <source>event: %1</source>
        <translation>событие: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="123"/>
        <source>No event matches the filters.</source>
        <translation>Нет событий, подходящих под фильтры.</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="198"/>
        <source>Only events that touched &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Только события, затронувшие &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/views/eventlogview.cpp" line="199"/>
        <source>Only events that touched &lt;b&gt;%1.%2&lt;/b&gt;</source>
        <translation>Только события, затронувшие &lt;b&gt;%1.%2&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>sessionscope::IdentityMapModel</name>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="53"/>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="55"/>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="57"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="59"/>
        <source>Changes</source>
        <translation>Изменения</translation>
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
        <translation>Изменён: есть изменения, которые запишет сброс.</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="128"/>
        <source>Expired: %1</source>
        <translation>Устаревшие: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/identitymapmodel.cpp" line="147"/>
        <source>modified</source>
        <translation>изменён</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/identitymapmodel.cpp" line="152"/>
        <source>%n expired</source>
        <translation>
            <numerusform>%n устаревший</numerusform>
            <numerusform>%n устаревших</numerusform>
            <numerusform>%n устаревших</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sessionscope::IdentityMapView</name>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="27"/>
        <source>All objects</source>
        <translation>Все объекты</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="29"/>
        <source>Filter by name, key or value</source>
        <translation>Имя, ключ или значение</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="31"/>
        <source>Identity map filter</source>
        <translation>Фильтр карты идентичности</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="32"/>
        <source>Entity</source>
        <translation>Сущность</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="35"/>
        <source>Also show objects outside the identity map: transient, pending and detached ones</source>
        <translation>Показывать также объекты вне карты идентичности: временные, ожидающие и отсоединённые</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="43"/>
        <location filename="../ui/views/identitymapview.cpp" line="94"/>
        <source>Open a trace to see its identity map.</source>
        <translation>Откройте трассу, чтобы увидеть её карту идентичности.</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="44"/>
        <source>Identity map</source>
        <translation>Карта идентичности</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="82"/>
        <source>All entities</source>
        <translation>Все сущности</translation>
    </message>
    <message>
        <location filename="../ui/views/identitymapview.cpp" line="93"/>
        <source>No entities.</source>
        <translation>Нет сущностей.</translation>
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
        <translation>Откройте трассу или сценарий, чтобы начать.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="138"/>
        <source>Event Log</source>
        <translation>Журнал событий</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="140"/>
        <source>Identity Map</source>
        <translation>Карта идентичности</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="143"/>
        <source>Pending</source>
        <translation>Ожидающие</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="145"/>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="147"/>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="148"/>
        <source>Transaction</source>
        <translation>Транзакция</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="151"/>
        <source>Diff</source>
        <translation>Сравнение</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="166"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="170"/>
        <source>&amp;Reset Layout</source>
        <translation>&amp;Восстановить расположение</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="171"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="172"/>
        <source>&amp;About SessionScope</source>
        <translation>&amp;О программе SessionScope</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="174"/>
        <source>About SessionScope</source>
        <translation>О программе SessionScope</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="175"/>
        <source>&lt;h3&gt;SessionScope %1&lt;/h3&gt;&lt;p&gt;An inspector for ORM session state: the identity map, the pending sets, each attribute&apos;s History and the SQL, at any step of a recorded session.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SessionScope %1&lt;/h3&gt;&lt;p&gt;Инспектор состояния сессии ORM: карта идентичности, наборы ожидающих изменений, История каждого атрибута и SQL — на любом шаге записанной сессии.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="184"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="185"/>
        <source>&amp;Open Trace…</source>
        <translation>&amp;Открыть трассу…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="188"/>
        <source>Open &amp;Scenario…</source>
        <translation>Открыть с&amp;ценарий…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="190"/>
        <source>Run the &amp;Demo Scenario</source>
        <translation>Запустить &amp;демо-сценарий</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="191"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Недавние файлы</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="193"/>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="196"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="199"/>
        <source>&amp;Step</source>
        <translation>&amp;Шаг</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="209"/>
        <source>Step &amp;Over</source>
        <translation>Шаг с &amp;обходом</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="210"/>
        <source>To the state after the next operation</source>
        <translation>К состоянию после следующей операции</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="211"/>
        <source>Step &amp;Back</source>
        <translation>Шаг &amp;назад</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="212"/>
        <source>To the state after the previous operation</source>
        <translation>К состоянию после предыдущей операции</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="213"/>
        <source>Step &amp;Into</source>
        <translation>Шаг с &amp;заходом</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="214"/>
        <source>To the next event: statement by statement through a flush</source>
        <translation>К следующему событию: по одному запросу внутри сброса</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="215"/>
        <source>Step Back I&amp;nto</source>
        <translation>Шаг назад с захо&amp;дом</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>To the previous event</source>
        <translation>К предыдущему событию</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="217"/>
        <source>Step O&amp;ut</source>
        <translation>Шаг с вы&amp;ходом</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <source>To the end of the current operation</source>
        <translation>К концу текущей операции</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="219"/>
        <source>&amp;First Step</source>
        <translation>&amp;Первый шаг</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="220"/>
        <source>Before anything happened</source>
        <translation>До всех событий</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="221"/>
        <source>&amp;Last Step</source>
        <translation>Пос&amp;ледний шаг</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="222"/>
        <source>After everything happened</source>
        <translation>После всех событий</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="238"/>
        <location filename="../ui/mainwindow.cpp" line="614"/>
        <source>&amp;Play</source>
        <translation>&amp;Воспроизвести</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="242"/>
        <source>Play the events one after another (F5)</source>
        <translation>Воспроизводить события одно за другим (F5)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="243"/>
        <source>&amp;Go to Operation…</source>
        <translation>Перей&amp;ти к операции…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="245"/>
        <source>&amp;Find Events…</source>
        <translation>Найти &amp;события…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="251"/>
        <source>&amp;Diff</source>
        <translation>С&amp;равнение</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="252"/>
        <source>Mark Step as &amp;A</source>
        <translation>&amp;Отметить шаг как A</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="258"/>
        <source>Mark Step as &amp;B</source>
        <translation>О&amp;тметить шаг как B</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="271"/>
        <source>Stepping</source>
        <translation>Пошаговый просмотр</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="279"/>
        <source>Play speed</source>
        <translation>Скорость воспроизведения</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="280"/>
        <source>Events per second when playing</source>
        <translation>Событий в секунду при воспроизведении</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>%1 events/s</source>
        <translation>%1 соб./с</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="288"/>
        <source>Timeline</source>
        <translation>Шкала времени</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="289"/>
        <source>Drag through the whole timeline</source>
        <translation>Перетаскивайте, чтобы пройти по всей шкале времени</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="333"/>
        <location filename="../ui/mainwindow.cpp" line="337"/>
        <source>Cannot open %1</source>
        <translation>Не удаётся открыть %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="382"/>
        <source>Cannot step there</source>
        <translation>Не удаётся перейти к этому шагу</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="387"/>
        <source>%1 — SessionScope</source>
        <translation>%1 — SessionScope</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="395"/>
        <source>The trace is incomplete</source>
        <translation>Трасса неполная</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="396"/>
        <source>%1

The program that wrote it probably stopped while writing; everything before that line is shown.</source>
        <translation>%1

Вероятно, записывавшая её программа остановилась посреди записи; показано всё, что было до этой строки.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="504"/>
        <source>Step A marked: mark another step as B (Ctrl+Shift+B) to compare them.</source>
        <translation>Шаг A отмечен: отметьте другой шаг как B (Ctrl+Shift+B), чтобы сравнить их.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="505"/>
        <source>Step B marked: mark another step as A (Ctrl+Shift+A) to compare them.</source>
        <translation>Шаг B отмечен: отметьте другой шаг как A (Ctrl+Shift+A), чтобы сравнить их.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="552"/>
        <source>Nothing open</source>
        <translation>Ничего не открыто</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="559"/>
        <source>Start: before operation 1</source>
        <translation>Начало: перед операцией 1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="561"/>
        <source>After operation %1 of %2</source>
        <translation>После операции %1 из %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="563"/>
        <source>In operation %1 of %2</source>
        <translation>Внутри операции %1 из %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="565"/>
        <source>%1 · event %2 of %3</source>
        <translation>%1 · событие %2 из %3</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="568"/>
        <source>Operation %1: %2</source>
        <translation>Операция %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="619"/>
        <source>&amp;Pause</source>
        <translation>П&amp;ауза</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="636"/>
        <source>Open Trace</source>
        <translation>Открыть трассу</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="637"/>
        <source>Traces (*.jsonl);;Scenarios (*.json);;All files (*)</source>
        <translation>Трассы (*.jsonl);;Сценарии (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="644"/>
        <source>Open Scenario</source>
        <translation>Открыть сценарий</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="645"/>
        <source>Scenarios (*.json);;All files (*)</source>
        <translation>Сценарии (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="656"/>
        <source>Go to Operation</source>
        <translation>Переход к операции</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="656"/>
        <source>Show the state after operation:</source>
        <translation>Показать состояние после операции:</translation>
    </message>
</context>
<context>
    <name>sessionscope::ObjectModel</name>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="210"/>
        <source>The value the database holds as far as the session knows (History unchanged + deleted)</source>
        <translation>Значение в базе данных, насколько известно сессии (История: без изменений + удалено)</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="213"/>
        <source>History: values set since the object was loaded or last flushed</source>
        <translation>История: значения, заданные после загрузки объекта или последнего сброса</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="215"/>
        <source>History: the loaded value that has not changed</source>
        <translation>История: загруженное значение, которое не изменилось</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="217"/>
        <source>History: loaded values that were replaced or removed</source>
        <translation>История: загруженные значения, которые были заменены или удалены</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="226"/>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="228"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="230"/>
        <source>Committed</source>
        <translation>Зафиксировано</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="232"/>
        <source>Added</source>
        <translation>Добавлено</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="234"/>
        <source>Unchanged</source>
        <translation>Без изменений</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="236"/>
        <source>Deleted</source>
        <translation>Удалено</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="238"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="309"/>
        <location filename="../ui/models/objectmodel.cpp" line="377"/>
        <source>Go to %1</source>
        <translation>Перейти к %1</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="321"/>
        <source>(expired)</source>
        <translation>(устарел)</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="321"/>
        <source>(not loaded)</source>
        <translation>(не загружен)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/objectmodel.cpp" line="323"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n элемент</numerusform>
            <numerusform>%n элемента</numerusform>
            <numerusform>%n элементов</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="340"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="352"/>
        <source>expired</source>
        <translation>устарел</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="351"/>
        <source>loaded</source>
        <translation>загружен</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="352"/>
        <source>not loaded</source>
        <translation>не загружен</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="396"/>
        <source>added</source>
        <translation>добавлен</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="398"/>
        <source>unchanged</source>
        <translation>без изменений</translation>
    </message>
    <message>
        <location filename="../ui/models/objectmodel.cpp" line="400"/>
        <source>removed</source>
        <translation>удалён</translation>
    </message>
</context>
<context>
    <name>sessionscope::ObjectView</name>
    <message>
        <location filename="../ui/views/objectview.cpp" line="26"/>
        <source>Events That Touched It</source>
        <translation>События с этим объектом</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="30"/>
        <source>Object attributes</source>
        <translation>Атрибуты объекта</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="34"/>
        <source>Filter the event log to the events that touched this object</source>
        <translation>Оставить в журнале событий только события, затронувшие этот объект</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="94"/>
        <source>Open a trace, then select an object.</source>
        <translation>Откройте трассу и выберите объект.</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="100"/>
        <source>Select an object in the identity map or the pending sets to see its attributes and their History.</source>
        <translation>Выберите объект в карте идентичности или в наборах ожидающих изменений, чтобы увидеть его атрибуты и их Историю.</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="108"/>
        <source>%1 does not exist at this step.</source>
        <translation>На этом шаге %1 не существует.</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="118"/>
        <source>no key yet</source>
        <translation>ключа ещё нет</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="118"/>
        <source>key %1</source>
        <translation>ключ %1</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="122"/>
        <source>modified</source>
        <translation>изменён</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="147"/>
        <source>Events That Touched %1.%2</source>
        <translation>События, затронувшие %1.%2</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="149"/>
        <source>Events That Touched %1</source>
        <translation>События, затронувшие %1</translation>
    </message>
    <message>
        <location filename="../ui/views/objectview.cpp" line="154"/>
        <source>Go to %1</source>
        <translation>Перейти к %1</translation>
    </message>
</context>
<context>
    <name>sessionscope::PendingModel</name>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="48"/>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="50"/>
        <source>Entity</source>
        <translation>Сущность</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="52"/>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="54"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="73"/>
        <source>new (%1)</source>
        <translation>новые (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="75"/>
        <source>dirty (%1)</source>
        <translation>изменённые (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="77"/>
        <source>deleted (%1)</source>
        <translation>к удалению (%1)</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="85"/>
        <source>Pending objects: the next flush INSERTs them.</source>
        <translation>Ожидающие объекты: следующий сброс выполнит для них INSERT.</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="87"/>
        <source>Persistent objects with changes: the next flush UPDATEs them.</source>
        <translation>Постоянные объекты с изменениями: следующий сброс выполнит для них UPDATE.</translation>
    </message>
    <message>
        <location filename="../ui/models/pendingmodel.cpp" line="89"/>
        <source>Objects marked for deletion: the next flush DELETEs them.</source>
        <translation>Объекты, помеченные на удаление: следующий сброс выполнит для них DELETE.</translation>
    </message>
</context>
<context>
    <name>sessionscope::PendingView</name>
    <message>
        <location filename="../ui/views/pendingview.cpp" line="23"/>
        <source>Open a trace to see its session&apos;s new, dirty and deleted objects.</source>
        <translation>Откройте трассу, чтобы увидеть новые, изменённые и удаляемые объекты её сессии.</translation>
    </message>
    <message>
        <location filename="../ui/views/pendingview.cpp" line="25"/>
        <source>Pending sets</source>
        <translation>Наборы ожидающих изменений</translation>
    </message>
    <message>
        <location filename="../ui/views/pendingview.cpp" line="73"/>
        <source>The new, dirty and deleted sets are empty at this step.</source>
        <translation>На этом шаге наборы новых, изменённых и удаляемых объектов пусты.</translation>
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
        <translation>Операция</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="90"/>
        <source>Statement</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="92"/>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="94"/>
        <source>Rows</source>
        <translation>Строки</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="96"/>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/sqlmodel.cpp" line="118"/>
        <source>… %n more row(s)</source>
        <translation>
            <numerusform>… ещё %n строка</numerusform>
            <numerusform>… ещё %n строки</numerusform>
            <numerusform>… ещё %n строк</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="124"/>
        <source>%L1 ms</source>
        <translation>%L1 мс</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="166"/>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/sqlmodel.cpp" line="182"/>
        <source>%1 — failed</source>
        <translation>%1 — ошибка</translation>
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
        <translation>SQL-запросы</translation>
    </message>
</context>
<context>
    <name>sessionscope::TransactionView</name>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="25"/>
        <source>Savepoint</source>
        <translation>Точка сохранения</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="25"/>
        <source>Opened in operation</source>
        <translation>Открыта в операции</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="25"/>
        <source>By</source>
        <translation>Чем открыта</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="27"/>
        <source>Open savepoints</source>
        <translation>Открытые точки сохранения</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="85"/>
        <source>The session must be rolled back.</source>
        <translation>Сессию нужно откатить.</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="86"/>
        <source>The session must be rolled back: %1</source>
        <translation>Сессию нужно откатить: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="107"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; active (began in operation %1)</source>
        <translation>&lt;b&gt;Транзакция:&lt;/b&gt; активна (началась в операции %1)</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="109"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; active</source>
        <translation>&lt;b&gt;Транзакция:&lt;/b&gt; активна</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="112"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; must be rolled back; every operation but a rollback is refused until then</source>
        <translation>&lt;b&gt;Транзакция:&lt;/b&gt; требует отката; до тех пор сессия отказывает во всех операциях, кроме отката</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="116"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; none, the session was closed; its next use begins one</source>
        <translation>&lt;b&gt;Транзакция:&lt;/b&gt; нет, сессия закрыта; следующее обращение к ней начнёт новую</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="152"/>
        <source>Open a trace to see its transactions.</source>
        <translation>Откройте трассу, чтобы увидеть её транзакции.</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="138"/>
        <source>&lt;b&gt;Flush:&lt;/b&gt; in progress (operation %1)</source>
        <translation>&lt;b&gt;Сброс:&lt;/b&gt; выполняется (операция %1)</translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="120"/>
        <source>&lt;b&gt;Transaction:&lt;/b&gt; none; the next operation that needs the database begins one</source>
        <translation>&lt;b&gt;Транзакция:&lt;/b&gt; нет; её начнёт следующая операция, которой нужна база данных</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/transactionview.cpp" line="144"/>
        <source>&lt;b&gt;Savepoints:&lt;/b&gt; %n open</source>
        <translation>
            <numerusform>&lt;b&gt;Точки сохранения:&lt;/b&gt; открыта %n</numerusform>
            <numerusform>&lt;b&gt;Точки сохранения:&lt;/b&gt; открыты %n</numerusform>
            <numerusform>&lt;b&gt;Точки сохранения:&lt;/b&gt; открыто %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/views/transactionview.cpp" line="145"/>
        <source>&lt;b&gt;Savepoints:&lt;/b&gt; none</source>
        <translation>&lt;b&gt;Точки сохранения:&lt;/b&gt; нет</translation>
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
        <translation>Смотрите, что делает сессия ORM: её карту идентичности, наборы ожидающих изменений, Историю каждого атрибута и SQL каждого сброса — пошагово, как в отладчике.</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="27"/>
        <source>Run the Demo Scenario</source>
        <translation>Запустить демо-сценарий</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="28"/>
        <source>Runs a bundled scenario on an in-memory SQLite database and opens its trace</source>
        <translation>Запускает встроенный сценарий на базе данных SQLite в памяти и открывает его трассу</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="30"/>
        <source>Open a Trace…</source>
        <translation>Открыть трассу…</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="31"/>
        <source>A .jsonl trace recorded by sessionscope-cli run --trace or by an application</source>
        <translation>Трасса .jsonl, записанная командой sessionscope-cli run --trace или приложением</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="33"/>
        <source>Open a Scenario…</source>
        <translation>Открыть сценарий…</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="34"/>
        <source>A scenario .json file: it runs on an in-memory SQLite database and its timeline opens</source>
        <translation>Файл сценария .json: он выполняется на базе данных SQLite в памяти, после чего открывается его шкала времени</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="37"/>
        <source>Or drop a trace or a scenario on this window.</source>
        <translation>Или перетащите трассу либо сценарий в это окно.</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="40"/>
        <location filename="../ui/views/welcomepage.cpp" line="44"/>
        <source>Recent files</source>
        <translation>Недавние файлы</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="83"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/views/welcomepage.cpp" line="90"/>
        <source>Nothing opened yet.</source>
        <translation>Пока ничего не открывалось.</translation>
    </message>
</context>
</TS>
