<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ActorPickerDialog</name>
    <message>
        <location filename="../../annotator/ui/actor_search.py" line="110"/>
        <source>Type a name (Arabic or English) to filter</source>
        <translation>اكتب اسمًا (بالعربية أو الإنجليزية) للتصفية</translation>
    </message>
</context>
<context>
    <name>AdjudicationDialog</name>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="57"/>
        <source>Adjudicate</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="85"/>
        <source>Accept all agreed</source>
        <translation>اعتماد كل المتفق عليه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="87"/>
        <source>Store the label all coders agree on as gold, for every item without one</source>
        <translation>حفظ التصنيف الذي اتفق عليه كل المرمّزين تصنيفًا مرجعيًا لكل بند ليس له تصنيف مرجعي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="89"/>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="91"/>
        <source>Remove the gold stance of the selected item</source>
        <translation>إزالة الموقف المرجعي للبند المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="114"/>
        <source>Author (the article&apos;s own voice)</source>
        <translation>الكاتب (صوت المقال نفسه)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="154"/>
        <source>Coders: {coders}. Items: {n}, disagreements: {d}, without gold: {o}.</source>
        <translation>المرمّزون: {coders}. البنود: {n}، الخلافات: {d}، بلا تصنيف مرجعي: {o}.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="157"/>
        <source>No annotator has marked this article done yet.</source>
        <translation>لم يعلّم أي مرمّز هذا المقال منجزًا بعد.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="163"/>
        <source>Holder</source>
        <translation>صاحب الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="163"/>
        <source>Gold</source>
        <translation>المرجعي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="163"/>
        <source>Target</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="195"/>
        <source>No stance recorded (counts as NONE)</source>
        <translation>لم يُسجَّل موقف (يُحتسب NONE)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="198"/>
        <source>No evidence</source>
        <translation>لا دليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="211"/>
        <source>— no gold —</source>
        <translation>— بلا تصنيف مرجعي —</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="217"/>
        <source>Adjudicated by {name}</source>
        <translation>حكّم فيه: {name}</translation>
    </message>
</context>
<context>
    <name>AnnotationActions</name>
    <message>
        <location filename="../../annotator/ui/actions.py" line="64"/>
        <source>Mark selection as mention…</source>
        <translation>وسم التحديد إشارةً إلى فاعل…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="65"/>
        <source>Add selection as evidence</source>
        <translation>إضافة التحديد دليلًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="66"/>
        <source>Accept proposed mention</source>
        <translation>قبول الإشارة المقترحة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="67"/>
        <source>Reject proposed mention</source>
        <translation>رفض الإشارة المقترحة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="72"/>
        <source>Next proposed mention</source>
        <translation>الإشارة المقترحة التالية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="73"/>
        <source>Previous proposed mention</source>
        <translation>الإشارة المقترحة السابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="68"/>
        <source>Delete mention, stance or evidence</source>
        <translation>حذف الإشارة أو الموقف أو الدليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="69"/>
        <source>Flip line between body and boilerplate</source>
        <translation>تبديل السطر بين المتن والحشو</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="77"/>
        <source>Next actor</source>
        <translation>الفاعل التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="78"/>
        <source>Previous actor</source>
        <translation>الفاعل السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="79"/>
        <source>Make selected actor the holder</source>
        <translation>جعل الفاعل المحدد صاحبَ الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="80"/>
        <source>Holder: the author</source>
        <translation>صاحب الموقف: الكاتب</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="81"/>
        <source>Add an actor from the lexicon</source>
        <translation>إضافة فاعل من المعجم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="84"/>
        <source>Next article</source>
        <translation>المقال التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="86"/>
        <source>Previous article</source>
        <translation>المقال السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="88"/>
        <source>Next unfinished article</source>
        <translation>المقال غير المنجز التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="89"/>
        <source>Mark done and go to the next unfinished</source>
        <translation>وسمه منجزًا والانتقال إلى غير المنجز التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="91"/>
        <source>Skip article (with a reason)…</source>
        <translation>تخطي المقال (مع ذكر السبب)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="92"/>
        <source>Flag article (with a note)…</source>
        <translation>الإبلاغ عن المقال (مع ملاحظة)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="93"/>
        <source>Search articles</source>
        <translation>البحث في المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="94"/>
        <source>Read the article (focus the text)</source>
        <translation>قراءة المقال (التركيز على النص)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="95"/>
        <source>Adjudicate…</source>
        <translation>التحكيم…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="97"/>
        <source>Snap selections to whole words</source>
        <translation>توسيع التحديد إلى كلمات كاملة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="99"/>
        <source>Include clitic prefix (و، ال، ب …)</source>
        <translation>تضمين السوابق المتصلة (و، ال، ب …)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="101"/>
        <source>Hide boilerplate lines</source>
        <translation>إخفاء أسطر الحشو</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="104"/>
        <source>Larger text</source>
        <translation>تكبير النص</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="105"/>
        <source>Smaller text</source>
        <translation>تصغير النص</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="110"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="112"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="116"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="151"/>
        <source>Stance toward the selected actor: {label}</source>
        <translation>الموقف من الفاعل المحدد: {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="165"/>
        <source>Select the words that name an actor first.</source>
        <translation>حدّد أولًا الكلمات التي تسمّي الفاعل.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="170"/>
        <source>Mention of which actor?</source>
        <translation>إشارة إلى أي فاعل؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="209"/>
        <source>No mention here: press N to go to the next proposed mention.</source>
        <translation>لا توجد إشارة هنا: اضغط N للانتقال إلى الإشارة المقترحة التالية.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="222"/>
        <source>No proposed mentions left in this article.</source>
        <translation>لم تبقَ إشارات مقترحة في هذا المقال.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="264"/>
        <source>Nothing to delete here.</source>
        <translation>لا شيء للحذف هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="274"/>
        <source>Select the words that show the stance first.</source>
        <translation>حدّد أولًا الكلمات التي تُظهر الموقف.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="278"/>
        <source>Choose a stance first: select an actor and press a label key.</source>
        <translation>اختر موقفًا أولًا: حدّد فاعلًا واضغط مفتاح تصنيف.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="288"/>
        <source>Put the caret on a line of the article first.</source>
        <translation>ضع المؤشر أولًا على سطر من المقال.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="296"/>
        <source>No more articles in this direction.</source>
        <translation>لا مزيد من المقالات في هذا الاتجاه.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="300"/>
        <source>Every article in the list is finished.</source>
        <translation>أُنجزت كل مقالات القائمة.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="313"/>
        <source>Skip article</source>
        <translation>تخطي المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="313"/>
        <source>Why skip this article?</source>
        <translation>لماذا تتخطى هذا المقال؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="317"/>
        <source>Flag article</source>
        <translation>الإبلاغ عن المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="317"/>
        <source>What is the problem with this article?</source>
        <translation>ما المشكلة في هذا المقال؟</translation>
    </message>
</context>
<context>
    <name>AnnotationSession</name>
    <message>
        <location filename="../../annotator/ui/session.py" line="197"/>
        <source>this was changed in another window or program in the meantime; nothing was overwritten, and the article now shows what is saved</source>
        <translation>غُيِّر هذا في نافذة أو برنامج آخر في هذه الأثناء؛ لم يُستبدَل شيء، والمقال يعرض الآن ما هو محفوظ</translation>
    </message>
</context>
<context>
    <name>AnnotationStatusBar</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="81"/>
        <source>Annotator: {name}</source>
        <translation>المُوسِّم: {name}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="82"/>
        <source>All changes saved</source>
        <translation>حُفظت كل التغييرات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="107"/>
        <source>Article {n} of {total}</source>
        <translation>المقال {n} من {total}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="108"/>
        <source>{total} articles</source>
        <translation>{total} مقالًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="111"/>
        <source>Done: {done} / {total}</source>
        <translation>المنجز: {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="116"/>
        <source>All changes saved ({time})</source>
        <translation>حُفظت كل التغييرات ({time})</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="119"/>
        <source>Last change not saved</source>
        <translation>لم يُحفظ التغيير الأخير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="120"/>
        <source>Not saved: {reason}</source>
        <translation>لم يُحفظ: {reason}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../annotator/ui/app.py" line="72"/>
        <source>Cannot open project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="99"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="99"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="99"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="99"/>
        <source>Stances</source>
        <translation>المواقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="101"/>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="101"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="101"/>
        <source>done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="102"/>
        <source>skipped</source>
        <translation>متخطى</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="102"/>
        <source>flagged</source>
        <translation>مُبلَّغ عنه</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="241"/>
        <source>Search titles and text…</source>
        <translation>ابحث في العناوين والنصوص…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="252"/>
        <source>All statuses</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="259"/>
        <source>Any actor</source>
        <translation>أي فاعل</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../annotator/ui/commands.py" line="49"/>
        <source>Add mention</source>
        <translation>إضافة إشارة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="58"/>
        <source>Accept mention</source>
        <translation>قبول إشارة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="60"/>
        <source>Reject mention</source>
        <translation>رفض إشارة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="62"/>
        <source>Change mention</source>
        <translation>تعديل إشارة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="69"/>
        <source>Change mention actor</source>
        <translation>تغيير فاعل الإشارة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="75"/>
        <source>Delete mention</source>
        <translation>حذف إشارة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="83"/>
        <source>Set stance {label}</source>
        <translation>تعيين الموقف {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="92"/>
        <source>Edit stance</source>
        <translation>تعديل الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="100"/>
        <source>Delete stance</source>
        <translation>حذف الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="106"/>
        <source>Add evidence</source>
        <translation>إضافة دليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="112"/>
        <source>Remove evidence</source>
        <translation>إزالة دليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="121"/>
        <source>Mark done</source>
        <translation>وسمه منجزًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="123"/>
        <source>Skip article</source>
        <translation>تخطي المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="125"/>
        <source>Flag article</source>
        <translation>الإبلاغ عن المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="127"/>
        <source>Change status</source>
        <translation>تغيير الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="136"/>
        <source>Mark segment as {kind}</source>
        <translation>وسم المقطع بأنه {kind}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="145"/>
        <source>Set gold stance {label}</source>
        <translation>تعيين الموقف المرجعي {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="154"/>
        <source>Clear gold stance</source>
        <translation>مسح الموقف المرجعي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="165"/>
        <source>Accept agreed labels</source>
        <translation>اعتماد التصنيفات المتفق عليها</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="36"/>
        <source>Accept suggested stance</source>
        <translation>قبول الموقف المقترح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="42"/>
        <source>Reject suggested stance</source>
        <translation>رفض الموقف المقترح</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="62"/>
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="63"/>
        <source>Your name, recorded with every annotation you make:</source>
        <translation>اسمك، ويُسجَّل مع كل توسيم تضيفه:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="196"/>
        <source>{project} — annotator</source>
        <translation>{project} — أداة التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="217"/>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="218"/>
        <source>Actors and stances</source>
        <translation>الفاعلون والمواقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="222"/>
        <source>This project has no guidelines yet.</source>
        <translation>لا توجد إرشادات لهذا المشروع بعد.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="223"/>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="235"/>
        <source>Retrain stance suggestions now</source>
        <translation>أعد تدريب اقتراحات المواقف الآن</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="242"/>
        <source>Suggestions: training…</source>
        <translation>الاقتراحات: جارٍ التدريب…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="247"/>
        <source>Label keys already used by other commands: {keys}</source>
        <translation>مفاتيح تصنيف مستخدمة لأوامر أخرى: {keys}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="266"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="269"/>
        <source>&amp;Annotate</source>
        <translation>تو&amp;سيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="275"/>
        <source>A&amp;rticle</source>
        <translation>&amp;مقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="277"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="286"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="229"/>
        <source>Refresh from the project file</source>
        <translation>تحديث من ملف المشروع</translation>
    </message>
</context>
<context>
    <name>ModelStatusLabel</name>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="153"/>
        <source>Suggestions: no model</source>
        <translation>الاقتراحات: لا نموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="154"/>
        <source>Train one with `annotator learn`.</source>
        <translation>درّب نموذجًا بالأمر `annotator learn`.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="156"/>
        <source>Suggestions on: macro-F1 {f1:.2f} ({n} items)</source>
        <translation>الاقتراحات مفعّلة: macro-F1 {f1:.2f} ({n} عنصرًا)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="161"/>
        <source>Suggestions off: label about {n} more</source>
        <translation>الاقتراحات متوقفة: وسّم نحو {n} عنصرًا آخر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="162"/>
        <source>Suggestions off</source>
        <translation>الاقتراحات متوقفة</translation>
    </message>
</context>
<context>
    <name>PresenceNotice</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="156"/>
        <source>Hide this notice</source>
        <translation>إخفاء هذا التنبيه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="170"/>
        <source>This project is also open elsewhere: {who}. Your edits are saved safely; changes made there appear here when you refresh (F5).</source>
        <translation>هذا المشروع مفتوح أيضًا في مكان آخر: {who}. تعديلاتك تُحفظ بأمان، والتغييرات التي تُجرى هناك تظهر هنا عند التحديث (F5).</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="181"/>
        <source>the annotation window of {annotator}, since {time}</source>
        <translation>نافذة التوسيم لدى {annotator}، منذ {time}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="184"/>
        <source>the command &quot;annotator {command}&quot;, since {time}</source>
        <translation>الأمر &quot;annotator {command}&quot;، منذ {time}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="185"/>
        <source>{holder} on {host}</source>
        <translation>{holder} على الجهاز {host}</translation>
    </message>
</context>
<context>
    <name>ProjectMenu</name>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="45"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="47"/>
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="48"/>
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="49"/>
        <source>Open &amp;recent</source>
        <translation>فتح مشروع &amp;حديث</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="52"/>
        <source>&amp;Import articles…</source>
        <translation>&amp;استيراد مقالات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="53"/>
        <source>&amp;Export annotations…</source>
        <translation>&amp;تصدير التوسيمات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="55"/>
        <source>Switch &amp;annotator…</source>
        <translation>تبديل المُ&amp;وسِّم…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="56"/>
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="65"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="85"/>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="90"/>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="124"/>
        <location filename="../../annotator/ui/project_menu.py" line="128"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="107"/>
        <source>Import articles</source>
        <translation>استيراد مقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="110"/>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="143"/>
        <location filename="../../annotator/ui/project_menu.py" line="145"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="135"/>
        <source>Export annotations</source>
        <translation>تصدير التوسيمات</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="76"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="79"/>
        <source>Command</source>
        <translation>الأمر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="79"/>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
</context>
<context>
    <name>StancePanel</name>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="60"/>
        <source>Add an actor from the lexicon…</source>
        <translation>أضف فاعلًا من المعجم…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="67"/>
        <source>Holder:</source>
        <translation>صاحب الموقف:</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="73"/>
        <source>Actor / holder</source>
        <translation>الفاعل / صاحب الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="73"/>
        <source>Stance</source>
        <translation>الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="91"/>
        <source>Set the holder&apos;s stance toward the selected actor</source>
        <translation>تعيين موقف صاحب الموقف من الفاعل المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="99"/>
        <source>Note on the selected stance</source>
        <translation>ملاحظة على الموقف المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="102"/>
        <source>Delete stance or evidence</source>
        <translation>حذف الموقف أو الدليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="215"/>
        <source>Select an actor first (click a mention or use [ and ]).</source>
        <translation>حدّد فاعلًا أولًا (انقر إشارة أو استخدم [ و ]).</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="312"/>
        <source>Author (the article&apos;s own voice)</source>
        <translation>الكاتب (صوت المقال نفسه)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="364"/>
        <source>Author</source>
        <translation>الكاتب</translation>
    </message>
</context>
<context>
    <name>SuggestionStrip</name>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="70"/>
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="71"/>
        <source>Reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="72"/>
        <source>Accept the suggested stance</source>
        <translation>قبول الموقف المقترح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="74"/>
        <source>Reject the suggested stance</source>
        <translation>رفض الموقف المقترح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="85"/>
        <source>Suggested:</source>
        <translation>مقترح:</translation>
    </message>
</context>
</TS>
