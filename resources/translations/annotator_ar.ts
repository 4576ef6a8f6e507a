<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ActorDialog</name>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="47" />
        <source>Edit actor</source>
        <translation>تعديل الفاعل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="47" />
        <source>New actor</source>
        <translation>فاعل جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="96" />
        <source>Arabic name</source>
        <translation>الاسم العربي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="97" />
        <source>English name</source>
        <translation>الاسم الإنجليزي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="98" />
        <source>Short code</source>
        <translation>الرمز المختصر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="99" />
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="100" />
        <location filename="../../annotator/ui/actor_dialog.py" line="126" />
        <source>Colour</source>
        <translation>اللون</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="102" />
        <source>Aliases</source>
        <translation>الأسماء البديلة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="103" />
        <source>New aliases, one per line</source>
        <translation>أسماء بديلة جديدة، واحد في كل سطر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="103" />
        <source>Aliases, one per line</source>
        <translation>الأسماء البديلة، واحد في كل سطر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="140" />
        <source>Give the actor's Arabic name.</source>
        <translation>اكتب الاسم العربي للفاعل.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_dialog.py" line="143" />
        <source>Choose a short code that no other actor has.</source>
        <translation>اختر رمزًا مختصرًا لا يحمله فاعل آخر.</translation>
    </message>
</context>
<context>
    <name>ActorLineEdit</name>
    <message>
        <location filename="../../annotator/ui/actor_search.py" line="78" />
        <source>Create actor «{name}»…</source>
        <translation>إنشاء الفاعل «{name}»…</translation>
    </message>
</context>
<context>
    <name>ActorPickerDialog</name>
    <message>
        <location filename="../../annotator/ui/actor_search.py" line="134" />
        <source>Type a name (Arabic or English) to filter</source>
        <translation>اكتب اسمًا (بالعربية أو الإنجليزية) للتصفية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actor_search.py" line="141" />
        <source>New actor…</source>
        <translation>فاعل جديد…</translation>
    </message>
</context>
<context>
    <name>AdjudicationDialog</name>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="51" />
        <source>Adjudicate</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="79" />
        <source>Accept all agreed</source>
        <translation>اعتماد كل المتفق عليه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="81" />
        <source>Store the label all coders agree on as gold, for every item without one</source>
        <translation>حفظ التصنيف الذي اتفق عليه كل المرمّزين تصنيفًا مرجعيًا لكل بند ليس له تصنيف مرجعي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="83" />
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="85" />
        <source>Remove the gold stance of the selected item</source>
        <translation>إزالة الموقف المرجعي للبند المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="108" />
        <source>Author (the article's own voice)</source>
        <translation>الكاتب (صوت المقال نفسه)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="148" />
        <source>Coders: {coders}. Items: {n}, disagreements: {d}, without gold: {o}.</source>
        <translation>المرمّزون: {coders}. البنود: {n}، الخلافات: {d}، بلا تصنيف مرجعي: {o}.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="151" />
        <source>No annotator has marked this article done yet.</source>
        <translation>لم يعلّم أي مرمّز هذا المقال منجزًا بعد.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="157" />
        <source>Holder</source>
        <translation>صاحب الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="157" />
        <source>Gold</source>
        <translation>المرجعي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="157" />
        <source>Target</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="189" />
        <source>No stance recorded (counts as NONE)</source>
        <translation>لم يُسجَّل موقف (يُحتسب NONE)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="192" />
        <source>No evidence</source>
        <translation>لا دليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="205" />
        <source>— no gold —</source>
        <translation>— بلا تصنيف مرجعي —</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="211" />
        <source>Adjudicated by {name}</source>
        <translation>حكّم فيه: {name}</translation>
    </message>
</context>
<context>
    <name>AnnotationActions</name>
    <message>
        <location filename="../../annotator/ui/actions.py" line="69" />
        <source>Mark selection as mention…</source>
        <translation>وسم التحديد إشارةً إلى فاعل…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="70" />
        <source>Add selection as evidence</source>
        <translation>إضافة التحديد دليلًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="71" />
        <source>Accept proposed mention</source>
        <translation>قبول الإشارة المقترحة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="72" />
        <source>Reject proposed mention</source>
        <translation>رفض الإشارة المقترحة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="77" />
        <source>Next proposed mention</source>
        <translation>الإشارة المقترحة التالية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="78" />
        <source>Previous proposed mention</source>
        <translation>الإشارة المقترحة السابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="73" />
        <source>Delete mention, stance or evidence</source>
        <translation>حذف الإشارة أو الموقف أو الدليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="74" />
        <source>Flip line between body and boilerplate</source>
        <translation>تبديل السطر بين المتن والحشو</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="80" />
        <source>Accept all proposals of the selected actor in this article</source>
        <translation>قبول كل الإشارات المقترحة للفاعل المحدد في هذا المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="84" />
        <source>Next actor</source>
        <translation>الفاعل التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="85" />
        <source>Previous actor</source>
        <translation>الفاعل السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="86" />
        <source>Make selected actor the holder</source>
        <translation>جعل الفاعل المحدد صاحبَ الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="87" />
        <source>Holder: the author</source>
        <translation>صاحب الموقف: الكاتب</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="88" />
        <source>Add an actor from the lexicon</source>
        <translation>إضافة فاعل من المعجم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="96" />
        <source>Next article</source>
        <translation>المقال التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="98" />
        <source>Previous article</source>
        <translation>المقال السابق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="100" />
        <source>Next unfinished article</source>
        <translation>المقال غير المنجز التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="100" />
        <source>Next follows the queue</source>
        <translation>«التالي» يتبع قائمة الأولويات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="100" />
        <source>The queue has no other article for you.</source>
        <translation>لا مقال آخر لك في قائمة الأولويات.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="100" />
        <source>From the queue: {reason}</source>
        <translation>من قائمة الأولويات: {reason}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="90" />
        <source>Mark done and go to the next unfinished</source>
        <translation>وسمه منجزًا والانتقال إلى غير المنجز التالي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="92" />
        <source>Skip article (with a reason)…</source>
        <translation>تخطي المقال (مع ذكر السبب)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="93" />
        <source>Flag article (with a note)…</source>
        <translation>الإبلاغ عن المقال (مع ملاحظة)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="102" />
        <source>Search articles</source>
        <translation>البحث في المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="103" />
        <source>Read the article (focus the text)</source>
        <translation>قراءة المقال (التركيز على النص)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="94" />
        <source>Adjudicate…</source>
        <translation>التحكيم…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="106" />
        <source>Snap selections to whole words</source>
        <translation>توسيع التحديد إلى كلمات كاملة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="108" />
        <source>Include clitic prefix (و، ال، ب …)</source>
        <translation>تضمين السوابق المتصلة (و، ال، ب …)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="110" />
        <source>Hide boilerplate lines</source>
        <translation>إخفاء أسطر الحشو</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="113" />
        <source>Larger text</source>
        <translation>تكبير النص</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="114" />
        <source>Smaller text</source>
        <translation>تصغير النص</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="119" />
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="121" />
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="125" />
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="167" />
        <source>Stance toward the selected actor: {label}</source>
        <translation>الموقف من الفاعل المحدد: {label}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="182" />
        <source>Select the words that name an actor first.</source>
        <translation>حدّد أولًا الكلمات التي تسمّي الفاعل.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="187" />
        <source>Mention of which actor?</source>
        <translation>إشارة إلى أي فاعل؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="227" />
        <source>No mention here: press N to go to the next proposed mention.</source>
        <translation>لا توجد إشارة هنا: اضغط N للانتقال إلى الإشارة المقترحة التالية.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="244" />
        <source>proposed by the lexicon</source>
        <translation>اقترحها المعجم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="246" />
        <source>proposed by the lexicon, accepted by {name}</source>
        <translation>اقترحها المعجم، وقبلها {name}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="248" />
        <source>proposed by the lexicon, rejected by {name}</source>
        <translation>اقترحها المعجم، ورفضها {name}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="250" />
        <source>added by {name}, rejected</source>
        <translation>أضافها {name}، مرفوضة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="252" />
        <source>added by {name}</source>
        <translation>أضافها {name}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="259" />
        <source>Select an actor in the list of actors first.</source>
        <translation>حدّد أولًا فاعلًا في قائمة الفاعلين.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="263" />
        <source>No proposed mentions of this actor in this article.</source>
        <translation>لا إشارات مقترحة لهذا الفاعل في هذا المقال.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="281" />
        <source>No proposed mentions left in this article.</source>
        <translation>لم تبقَ إشارات مقترحة في هذا المقال.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="323" />
        <source>Nothing to delete here.</source>
        <translation>لا شيء للحذف هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="333" />
        <source>Select the words that show the stance first.</source>
        <translation>حدّد أولًا الكلمات التي تُظهر الموقف.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="337" />
        <source>Choose a stance first: select an actor and press a label key.</source>
        <translation>اختر موقفًا أولًا: حدّد فاعلًا واضغط مفتاح تصنيف.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="350" />
        <source>Put the caret on a line of the article first.</source>
        <translation>ضع المؤشر أولًا على سطر من المقال.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="358" />
        <source>No more articles in this direction.</source>
        <translation>لا مزيد من المقالات في هذا الاتجاه.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="362" />
        <source>Every article in the list is finished.</source>
        <translation>أُنجزت كل مقالات القائمة.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="375" />
        <source>Skip article</source>
        <translation>تخطي المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="375" />
        <source>Why skip this article?</source>
        <translation>لماذا تتخطى هذا المقال؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="380" />
        <source>Flag article</source>
        <translation>الإبلاغ عن المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="380" />
        <source>What is the problem with this article?</source>
        <translation>ما المشكلة في هذا المقال؟</translation>
    </message>
</context>
<context>
    <name>AnnotationSession</name>
    <message>
        <location filename="../../annotator/ui/session.py" line="251" />
        <source>this project is read-only ({reason}); nothing can be changed</source>
        <translation>هذا المشروع للقراءة فقط ({reason})؛ لا يمكن تغيير شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/session.py" line="256" />
        <source>this was changed in another window or program in the meantime; nothing was overwritten, and the article now shows what is saved</source>
        <translation>غُيِّر هذا في نافذة أو برنامج آخر في هذه الأثناء؛ لم يُستبدَل شيء، والمقال يعرض الآن ما هو محفوظ</translation>
    </message>
</context>
<context>
    <name>AnnotationStatusBar</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="94" />
        <source>Annotator: {name}</source>
        <translation>المُوسِّم: {name}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="95" />
        <source>All changes saved</source>
        <translation>حُفظت كل التغييرات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="120" />
        <source>Article {n} of {total}</source>
        <translation>المقال {n} من {total}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="121" />
        <source>{total} articles</source>
        <translation>{total} مقالًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="124" />
        <source>Done: {done} / {total}</source>
        <translation>المنجز: {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="129" />
        <source>All changes saved ({time})</source>
        <translation>حُفظت كل التغييرات ({time})</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="132" />
        <source>Read-only: nothing can be changed</source>
        <translation>للقراءة فقط: لا يمكن تغيير شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="136" />
        <source>Last change not saved</source>
        <translation>لم يُحفظ التغيير الأخير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="137" />
        <source>Not saved: {reason}</source>
        <translation>لم يُحفظ: {reason}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../annotator/ui/app.py" line="77" />
        <source>Cannot open project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/app.py" line="105" />
        <source>Whose file is this?</source>
        <translation>لمن هذا الملف؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/app.py" line="106" />
        <source>This file was handed out to %1, but you are working as %2.

Only %1's work in it is merged into the team project. Work as %1?</source>
        <translation>سُلِّم هذا الملف إلى %1، لكنك تعمل باسم %2.

لا يُدمج في مشروع الفريق من هذا الملف إلا عمل %1. هل تعمل باسم %1؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/app.py" line="113" />
        <source>Work as %1</source>
        <translation>العمل باسم %1</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="102" />
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="102" />
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="102" />
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="102" />
        <source>Stances</source>
        <translation>المواقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="104" />
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="104" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="104" />
        <source>done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="105" />
        <source>skipped</source>
        <translation>متخطى</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="105" />
        <source>flagged</source>
        <translation>مُبلَّغ عنه</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="245" />
        <source>Search titles and text…</source>
        <translation>ابحث في العناوين والنصوص…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="256" />
        <source>All statuses</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="267" />
        <source>Any actor</source>
        <translation>أي فاعل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="330" />
        <source>No article matches “%1” with these filters.</source>
        <translation>لا توجد مقالة تطابق «%1» مع هذه المرشحات.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="331" />
        <source>No article matches these filters.</source>
        <translation>لا توجد مقالة تطابق هذه المرشحات.</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../annotator/ui/commands.py" line="48" />
        <source>stance {stance}</source>
        <translation>موقف {stance}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="50" />
        <source>stance details {stance}</source>
        <translation>تفاصيل موقف {stance}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="52" />
        <source>delete stance {stance}</source>
        <translation>حذف موقف {stance}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="54" />
        <source>mention {actor}</source>
        <translation>إشارة إلى {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="59" />
        <source>mention actor {actor}</source>
        <translation>تغيير فاعل الإشارة إلى {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="60" />
        <source>accept mention {actor}</source>
        <translation>قبول إشارة {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="60" />
        <source>reject mention {actor}</source>
        <translation>رفض إشارة {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="61" />
        <source>change mention {actor}</source>
        <translation>تغيير إشارة {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="63" />
        <source>accept {n} mentions of {actor}</source>
        <translation>قبول {n} إشارات إلى {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="66" />
        <source>delete mention {actor}</source>
        <translation>حذف إشارة {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="68" />
        <source>add evidence</source>
        <translation>إضافة دليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="70" />
        <source>remove evidence</source>
        <translation>إزالة دليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="72" />
        <source>mark done</source>
        <translation>وضع علامة منتهٍ</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="72" />
        <source>skip article</source>
        <translation>تخطي المقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="72" />
        <source>flag article</source>
        <translation>تعليم المقال للمراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="73" />
        <source>change status</source>
        <translation>تغيير الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="75" />
        <source>mark segment as {kind}</source>
        <translation>تعليم المقطع كـ {kind}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="77" />
        <source>gold stance {stance}</source>
        <translation>الموقف المرجعي {stance}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="79" />
        <source>clear gold stance</source>
        <translation>إلغاء الموقف المرجعي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="81" />
        <source>accept agreed labels</source>
        <translation>قبول التصنيفات المتفق عليها</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="83" />
        <source>{n} proposals of {actor}</source>
        <translation>{n} اقتراحات لـ {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="87" />
        <source>new actor {actor}</source>
        <translation>فاعل جديد {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="89" />
        <source>edit actor {actor}</source>
        <translation>تعديل الفاعل {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="91" />
        <source>alias of {actor}</source>
        <translation>اسم بديل لـ {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="93" />
        <source>merge actors into {actor}</source>
        <translation>دمج الفاعلين في {actor}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="36" />
        <source>Accept suggested stance</source>
        <translation>قبول الموقف المقترح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="42" />
        <source>Reject suggested stance</source>
        <translation>رفض الموقف المقترح</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="77" />
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="78" />
        <source>Your name, recorded with every annotation you make:</source>
        <translation>اسمك، ويُسجَّل مع كل توسيم تضيفه:</translation>
    </message>
</context>
<context>
    <name>LabelNamesDialog</name>
    <message>
        <location filename="../../annotator/ui/label_names_dialog.py" line="23" />
        <source>Arabic names of the labels</source>
        <translation>الأسماء العربية للتصنيفات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/label_names_dialog.py" line="40" />
        <source>Shown in the Arabic interface; exports keep the codes.</source>
        <translation>تظهر في الواجهة العربية؛ وتحتفظ الملفات المصدَّرة بالرموز.</translation>
    </message>
</context>
<context>
    <name>LexiconActions</name>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="39" />
        <source>New actor from the selection…</source>
        <translation>فاعل جديد من التحديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="41" />
        <source>Add the selection as alias of…</source>
        <translation>إضافة التحديد اسمًا بديلًا لـ…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="43" />
        <source>Edit the selected actor…</source>
        <translation>تعديل الفاعل المحدد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="44" />
        <source>Merge the selected actor into…</source>
        <translation>دمج الفاعل المحدد في…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="45" />
        <source>Propose the selected actor in every article</source>
        <translation>اقتراح الفاعل المحدد في كل المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="99" />
        <source>New actor {code}: {n} mention(s) in this article. Actors → Propose the selected actor in every article looks through the whole project.</source>
        <translation>فاعل جديد {code}: {n} إشارة في هذا المقال. الفاعلون ← اقتراح الفاعل المحدد في كل المقالات يبحث في المشروع كله.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="107" />
        <source>Select the words that name an actor first.</source>
        <translation>حدّد أولًا الكلمات التي تسمّي الفاعل.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="110" />
        <source>Alias of which actor?</source>
        <translation>اسم بديل لأي فاعل؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="125" />
        <source>{code} already has the alias «{alias}».</source>
        <translation>لدى {code} الاسم البديل «{alias}» من قبل.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="133" />
        <source>Select an actor in the list of actors first.</source>
        <translation>حدّد أولًا فاعلًا في قائمة الفاعلين.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="163" />
        <source>Merge {code} into which actor?</source>
        <translation>دمج {code} في أي فاعل؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="180" />
        <source>Looking for {code} in every article…</source>
        <translation>البحث عن {code} في كل المقالات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="181" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="213" />
        <source>Cancelled: no mentions were proposed.</source>
        <translation>أُلغي: لم تُقترح أي إشارة.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lexicon_actions.py" line="218" />
        <source>{n} new mention(s) proposed in the project.</source>
        <translation>اقتُرحت {n} إشارة جديدة في المشروع.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="217" />
        <source>{project} — annotator</source>
        <translation>{project} — أداة التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="225" />
        <source>This project is read-only ({reason}). You can read, search, export and save a copy, but not annotate: to annotate, get write permission on the file and its folder, or copy the project to a folder you can write to and open the copy.</source>
        <translation>هذا المشروع للقراءة فقط ({reason}). يمكنك القراءة والبحث والتصدير وحفظ نسخة، لكن لا يمكنك التوسيم: للتوسيم احصل على إذن الكتابة على الملف ومجلده، أو انسخ المشروع إلى مجلد يمكنك الكتابة فيه وافتح النسخة.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="251" />
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="252" />
        <source>Actors and stances</source>
        <translation>الفاعلون والمواقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="255" />
        <source>This project has no guidelines yet.</source>
        <translation>لا توجد إرشادات لهذا المشروع بعد.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="256" />
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="265" />
        <source>Arabic names of the labels…</source>
        <translation>الأسماء العربية للتصنيفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="273" />
        <source>Retrain stance suggestions now</source>
        <translation>أعد تدريب اقتراحات المواقف الآن</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="279" />
        <source>Blind mode: hide stance suggestions until the item is labelled</source>
        <translation>الوضع الأعمى: أخفِ اقتراحات المواقف حتى يُوسَم العنصر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="280" />
        <source>Suggestions: training…</source>
        <translation>الاقتراحات: جارٍ التدريب…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="285" />
        <source>Label keys already used by other commands: {keys}</source>
        <translation>مفاتيح تصنيف مستخدمة لأوامر أخرى: {keys}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="306" />
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="309" />
        <source>&amp;Annotate</source>
        <translation>تو&amp;سيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="318" />
        <source>Ac&amp;tors</source>
        <translation>ال&amp;فاعلون</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="316" />
        <source>A&amp;rticle</source>
        <translation>&amp;مقال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="215" />
        <source>{project} (read-only) — annotator</source>
        <translation>{project} (للقراءة فقط) — أداة التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="320" />
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="329" />
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="267" />
        <source>Refresh from the project file</source>
        <translation>تحديث من ملف المشروع</translation>
    </message>
</context>
<context>
    <name>ModelStatusLabel</name>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="153" />
        <source>Suggestions: no model</source>
        <translation>الاقتراحات: لا نموذج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="154" />
        <source>Train one with `annotator learn`.</source>
        <translation>درّب نموذجًا بالأمر `annotator learn`.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="156" />
        <source>Suggestions on: macro-F1 {f1:.2f} ({n} items)</source>
        <translation>الاقتراحات مفعّلة: macro-F1 {f1:.2f} ({n} عنصرًا)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="184" />
        <source>Suggestions off: macro-F1 {f1:.2f}; label about {n} more</source>
        <translation>الاقتراحات متوقفة: macro-F1 {f1:.2f}؛ وسّم نحو {n} عنصرًا آخر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="185" />
        <source>Suggestions off: macro-F1 {f1:.2f}</source>
        <translation>الاقتراحات متوقفة: macro-F1 {f1:.2f}</translation>
    </message>
</context>
<context>
    <name>PresenceNotice</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="173" />
        <source>Hide this notice</source>
        <translation>إخفاء هذا التنبيه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="187" />
        <source>This project is also open elsewhere: {who}. Your edits are saved safely; changes made there appear here when you refresh (F5).</source>
        <translation>هذا المشروع مفتوح أيضًا في مكان آخر: {who}. تعديلاتك تُحفظ بأمان، والتغييرات التي تُجرى هناك تظهر هنا عند التحديث (F5).</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="198" />
        <source>the annotation window of {annotator}, since {time}</source>
        <translation>نافذة التوسيم لدى {annotator}، منذ {time}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="201" />
        <source>the command "annotator {command}", since {time}</source>
        <translation>الأمر "annotator {command}"، منذ {time}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="202" />
        <source>{holder} on {host}</source>
        <translation>{holder} على الجهاز {host}</translation>
    </message>
</context>
<context>
    <name>ProjectMenu</name>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="45" />
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="47" />
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="48" />
        <source>&amp;Open project…</source>
        <translation>&amp;فتح مشروع…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="49" />
        <source>Open &amp;recent</source>
        <translation>فتح مشروع &amp;حديث</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="52" />
        <source>&amp;Import articles…</source>
        <translation>&amp;استيراد مقالات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="54" />
        <source>&amp;Export annotations…</source>
        <translation>&amp;تصدير التوسيمات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="55" />
        <source>Save a &amp;copy to send…</source>
        <translation>حفظ &amp;نسخة للإرسال…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="57" />
        <source>Switch &amp;annotator…</source>
        <translation>تبديل المُ&amp;وسِّم…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="58" />
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="67" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="87" />
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="92" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="126" />
        <location filename="../../annotator/ui/project_menu.py" line="130" />
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="158" />
        <location filename="../../annotator/ui/project_menu.py" line="165" />
        <location filename="../../annotator/ui/project_menu.py" line="167" />
        <source>Save a copy to send</source>
        <translation>حفظ نسخة للإرسال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="168" />
        <source>Saved a copy with every saved edit to {path}. Send this file alone.</source>
        <translation>حُفظت نسخة فيها كل التعديلات المحفوظة في {path}. أرسل هذا الملف وحده.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="109" />
        <source>Import articles</source>
        <translation>استيراد مقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="112" />
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="145" />
        <location filename="../../annotator/ui/project_menu.py" line="147" />
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_menu.py" line="137" />
        <source>Export annotations</source>
        <translation>تصدير التوسيمات</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="102" />
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="105" />
        <source>Command</source>
        <translation>الأمر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="105" />
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
</context>
<context>
    <name>StancePanel</name>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="61" />
        <source>Add an actor from the lexicon…</source>
        <translation>أضف فاعلًا من المعجم…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="70" />
        <source>Holder:</source>
        <translation>صاحب الموقف:</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="76" />
        <source>Actor / holder</source>
        <translation>الفاعل / صاحب الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="76" />
        <source>Stance</source>
        <translation>الموقف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="97" />
        <source>Set the holder's stance toward the selected actor</source>
        <translation>تعيين موقف صاحب الموقف من الفاعل المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="105" />
        <source>Note on the selected stance</source>
        <translation>ملاحظة على الموقف المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="112" />
        <source>Intensity: not given</source>
        <translation>الشدة: غير محددة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="112" />
        <source>1 weak</source>
        <translation>1 ضعيف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="113" />
        <source>2 moderate</source>
        <translation>2 متوسط</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="113" />
        <source>3 strong</source>
        <translation>3 قوي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="117" />
        <source>Explicit or implicit: not given</source>
        <translation>صريح أو ضمني: غير محدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="117" />
        <source>explicit</source>
        <translation>صريح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="118" />
        <source>implicit</source>
        <translation>ضمني</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="128" />
        <source>Delete stance or evidence</source>
        <translation>حذف الموقف أو الدليل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="243" />
        <source>Select an actor first (click a mention or use [ and ]).</source>
        <translation>حدّد فاعلًا أولًا (انقر إشارة أو استخدم [ و ]).</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="357" />
        <source>Author (the article's own voice)</source>
        <translation>الكاتب (صوت المقال نفسه)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="409" />
        <source>Author</source>
        <translation>الكاتب</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/stance_panel.py" line="425" />
        <source>Suggested by the model, not a stance yet: select the actor and press Ctrl+Shift+A to accept it or Ctrl+Shift+R to reject it</source>
        <translation>اقتراح من النموذج وليس موقفًا بعد: اختر الفاعل واضغط Ctrl+Shift+A لقبوله أو Ctrl+Shift+R لرفضه</translation>
    </message>
</context>
<context>
    <name>SuggestionStrip</name>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="70" />
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="71" />
        <source>Reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="72" />
        <source>Accept the suggested stance</source>
        <translation>قبول الموقف المقترح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="74" />
        <source>Reject the suggested stance</source>
        <translation>رفض الموقف المقترح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_strip.py" line="85" />
        <source>Suggested:</source>
        <translation>مقترح:</translation>
    </message>
</context>
</TS>