# موقع Dateline للقراء: نصوص الواجهة باللغة العربية.
# صيغ الجمع وفق فئات CLDR للعربية: zero (0)، one (1)، two (2)، few (3–10)، many (11–99)، other (100 فما فوق وما شابهها).
# تبقى الأعداد متغيرات مثل { $count } ليكتبها الخادم بأرقام النسخة.

## إطار الصفحة
skip-to-content = انتقل إلى المحتوى
nav-sections = الأقسام
nav-editions = النسخ
home = الصفحة الرئيسية
footer-tagline = صحافة مستقلة، تُنشر بنظام Dateline.
footer-sitemap = خريطة الموقع
footer-follow = تابعونا
footer-contact = اتصل بنا

## الاشتراكات
subscribe = اشترك
subscribe-intro = تابع { $edition } بالطريقة التي تناسبك.
subscribe-rss = خلاصة RSS
feed-description = آخر أخبار { $edition }.
feed-section-description = آخر أخبار قسم «{ $name }» في { $edition }.
listing-feeds = خلاصات هذه الصفحة

## القوائم
top-stories = أبرز الأخبار
latest = آخر الأخبار
section-more = المزيد من { $section }
older = أخبار سابقة
newest = العودة إلى آخر الأخبار
empty-list = لم يُنشر شيء هنا بعد.
newsfeed = شريط الأخبار
newsfeed-all = كل الأخبار
newsfeed-description = كل أخبار { $edition } من جميع الأقسام، الأحدث أولًا.
front-description = { $edition }: أخبار وتحليلات وتقارير، على مدار الساعة.
articles-count = { $count ->
    [zero] لا توجد مواد
    [one] مادة واحدة
    [two] مادتان
    [few] { $count } مواد
    [many] { $count } مادة
   *[other] { $count } مادة
}

## الخبر
published = نُشر في
updated = حُدّث في
byline = { $count ->
   *[other] بقلم
}
authors = الكتّاب
tags = الوسوم
go-to-mediabank = الانتقال إلى بنك الصور
file-photo = صورة أرشيفية
related = اقرأ أيضًا
embed-open = افتح على { $host }
comments-count = { $count ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقًا
   *[other] { $count } تعليق
}
discussion = النقاش
discussion-prompt-start = للمشاركة في النقاش،
discussion-login = سجّل الدخول
discussion-or = أو
discussion-register = أنشئ حسابًا
discussion-prompt-end = .
chats = المحادثات
chats-hint = ناقش الأخبار مع القراء الآخرين لحظة بلحظة.
next-article = الخبر التالي
corrected = أُدخل تصحيح على هذا الخبر.
correction-dated = تصحيح بتاريخ

## الوسوم والكتّاب
tag-heading = أخبار بوسم «{ $name }»
tag-description = كل ما نشرته { $edition } عن { $name }.
author-description = مقالات { $name } في { $edition }.

## بنك الصور
mediabank = بنك الصور
mediabank-description = الصور التي نشرتها { $edition }، مع شروحها وإسنادها والأخبار التي استُخدمت فيها.
mediabank-asset = الصورة { $id }
mediabank-details = عن هذه الصورة
media-caption = الشرح
media-credit = الإسناد
media-copyright = حقوق النشر
media-source = المصدر
media-date = التاريخ
media-size = المقاس الأصلي
media-size-value = { $width } × { $height } بكسل
media-file-photo = صورة أرشيفية
media-yes = نعم
media-no = لا
media-used-in = أين استُخدمت
media-not-used = لم تُستخدم هذه الصورة في أي خبر منشور بعد.
media-open-original = فتح الصورة الأصلية
media-empty = لا توجد صور تطابق عوامل التصفية هذه.
filter-legend = تصفية الأرشيف
filter-from = من
filter-until = إلى
filter-section = القسم
filter-all-sections = كل الأقسام
filter-apply = عرض
filter-reset = مسح عوامل التصفية

## الأخطاء
error-400-title = هذا الرابط غير صالح
error-400-text = تعذّر فهم جزء من الرابط. جرّب الصفحة الأولى من القائمة بدلًا منه.
error-422-title = تعذّر قبول هذا النموذج
error-422-text = يحتوي على ما لا يمكن حفظه، مثل رمز تحكم غير مرئي جاء مع نص ملصوق. ارجع وراجع ما كتبته ثم أرسله من جديد.
error-401-title = يُرجى تسجيل الدخول
error-401-text = هذه الصفحة مخصصة للقراء المسجّلين. سجّل الدخول ثم حاول مجددًا.
error-403-title = غير مسموح
error-403-text = لا يملك حسابك صلاحية القيام بذلك.
error-429-title = طلبات كثيرة جدًا
error-429-text = يُرجى الانتظار بضع دقائق قبل المحاولة مجددًا.
error-csrf-title = انتهت صلاحية هذا النموذج
error-csrf-text = بقيت الصفحة مفتوحة مدة طويلة، أو سجّلت الدخول أو الخروج في مكان آخر. ارجع وأعد تحميل الصفحة ثم أرسل النموذج من جديد.
error-404-title = الصفحة غير موجودة
error-404-text = لم نعثر على هذه الصفحة. ربما نُقلت إلى رابط آخر، أو أن في الرابط خطأً مطبعيًا.
error-410-title = حُذف هذا الخبر
error-410-text = سحبت هيئة التحرير الخبر الذي كان منشورًا على هذا الرابط.
error-500-title = حدث خطأ ما
error-500-text = تعذّر عرض الصفحة. يُرجى المحاولة مجددًا بعد قليل.
error-home = الانتقال إلى الصفحة الرئيسية
error-request-id = معرّف الطلب:

## غرفة الأخبار: المواد
desk-articles = المواد
desk-new-article = مادة جديدة
desk-any = الكل
desk-filter-edition = النسخة
desk-filter-section = القسم
desk-filter-status = الحالة
desk-filter-author = الكاتب
desk-filter-text = كلمات
desk-filter-apply = تصفية
desk-updated = آخر تحديث
desk-more = مواد أقدم
desk-empty = لا توجد مواد تطابق عوامل التصفية هذه.
desk-create = إنشاء مسودة
desk-new-incomplete = اختر قسمًا وضع عنوانًا للمادة.
desk-new-slug-taken = عدد كبير من المواد يحمل هذا العنوان نفسه؛ غيّره قليلًا.
desk-untitled = بلا عنوان
desk-edit-article = تحرير المادة
desk-saved = حُفظت التغييرات.
desk-moved = تغيّرت الحالة.
desk-restored = استُعيد الإصدار السابق وحُفظ بوصفه إصدارًا جديدًا.
desk-not-saved = لم يُحفظ شيء: صحّح الحقول المحددة. نصك ما زال هنا.
desk-not-moved = لم تتغير الحالة: انظر الرسالة أدناه.
desk-conflict = حفظ شخص آخر هذه المادة بعد أن فتحتها. لم يُحفظ نصك وما زال هنا: افتح الإصدار الحالي ثم انقل إليه تعديلاتك.
desk-conflict-open = فتح الإصدار الحالي في علامة تبويب جديدة
desk-media-bank = بنك الصور
desk-save = حفظ
desk-workflow = مسار العمل
desk-status = الحالة
desk-version = الإصدار
desk-scheduled-for = موعد النشر
desk-published-at = نُشرت في
desk-preview = معاينة
desk-on-site = على الموقع
desk-revisions = سجل التعديلات
desk-schedule-at = النشر في ({ $zone })
desk-correction-note = نص التصحيح (يظهر للقراء)
desk-corrections = التصحيحات
desk-compare = مقارنة
desk-compare-old = الأقدم
desk-compare-new = الأحدث
desk-saved-at = وقت الحفظ
desk-saved-by = بواسطة
desk-what = التغيير
desk-restore = استعادة
desk-system = النظام
field-headline = العنوان
field-lead = المقدمة
field-slug = المعرّف في الرابط (slug)
field-section = القسم
field-authors = التوقيع
field-tags = الوسوم
field-tags-hint = افصل بين الوسوم بفواصل.
field-lead-media = الصورة الرئيسية (رقمها في بنك الصور)
field-media-hint = الرقم الظاهر على صفحة الصورة في
field-body = المتن
block-paragraph = فقرة
block-list = قائمة
block-ordered = قائمة مرقّمة
block-text-hint = **غامق**، *مائل*، [كلمات](https://address) لإضافة رابط؛ وتُبقي الشرطة المائلة العكسية (\) قبل * [ ] الرمزَ كما كُتب.
block-list-hint = عنصر واحد في كل سطر.
picker-open = اختيار من بنك الصور
picker-search = ابحث عن الصور بالشرح أو الإسناد أو الكلمات المفتاحية
picker-none = لم يُعثر على صور.
picker-no-credit = بلا إسناد
picker-no-alt = بلا نص بديل
picker-processing = جارٍ إعداد المقاسات
picker-close = إغلاق
picker-drop-hint = لإضافة صورة جديدة، أفلت ملفها فوق المادة.
picker-uploading = جارٍ رفع الصورة…
picker-uploaded = رُفعت الصورة وأُضيفت إلى المادة.
picker-upload-failed = تعذّر رفع الصورة:
editor-bold = غامق
editor-italic = مائل
editor-link = رابط
editor-link-prompt = عنوان الرابط (https://… أو mailto:… أو مسار في هذا الموقع مثل /en/world/…)
editor-unlink = إزالة الرابط
editor-word-count = الكلمات
editor-drag = اسحب للنقل
block-heading = عنوان فرعي
block-quote = اقتباس
block-image = صورة
block-related = مادة ذات صلة
block-embed = محتوى مضمَّن
block-level = المستوى
block-text = النص
block-attribution = القائل
block-media = الرقم في بنك الصور
block-caption = الشرح (اتركه فارغًا لاستخدام شرح الصورة نفسها)
block-article = المادة
block-article-hint = اكتب كلمات من عنوانها، أو رقمها، أو رابطها على الموقع.
block-url = الرابط
block-title = العنوان
block-up = نقل لأعلى
block-down = نقل لأسفل
block-remove = إزالة
block-add = إضافة كتلة
dash-new-article = اكتب مادة جديدة
dash-all = عرضها جميعًا في قائمة المواد
dash-in-review = بانتظار المراجعة
dash-none-in-review = لا شيء بانتظار المراجعة.
dash-scheduled = النشر القادم
dash-none-scheduled = لا توجد مواد مجدولة.
dash-drafts = مسوداتك
dash-none-drafts = ليست لديك مسودات.
dash-comments = التعليقات
dash-held = معلّقة بانتظار المراجعة
dash-reported = أبلغ عنها القراء
dash-failed = صور تعذّر إعداد مقاساتها
dash-none-failed = كل الصور أُعدت مقاساتها.
preview-banner = معاينة — غير منشورة.
preview-status = الحالة
preview-not-published = لم تُنشر بعد
status-draft = مسودة
status-in_review = قيد المراجعة
status-scheduled = مجدولة
status-published = منشورة
status-corrected = مصحَّحة
status-unpublished = مسحوبة من النشر
move-draft = إعادة إلى المسودات
move-in_review = إرسال للمراجعة
move-scheduled = جدولة
move-published = النشر الآن
move-corrected = نشر التصحيح
move-unpublished = سحب من النشر
revision-created = إنشاء
revision-saved = حفظ
revision-autosaved = حفظ تلقائي
revision-status = تغيير الحالة
revision-restored = استعادة
revision-corrected = تصحيح
revision-published_by_schedule = نشر في الموعد المجدول
autosave-pending = تغييرات غير محفوظة…
autosave-saved = حُفظت كل التغييرات.
autosave-invalid = لم يُحفظ تلقائيًا: بعض الحقول تحتاج إلى مراجعة.
autosave-offline = لم يُحفظ تلقائيًا: يتعذّر الوصول إلى الخادم. جارٍ إعادة المحاولة.
form-stale = هذا النموذج قديم؛ أعد تحميل المادة.
form-required = هذا الحقل مطلوب.
form-bad-slug = استخدم الحروف والأرقام والشرطات فقط.
form-bad-media = أدخل رقم صورة موجودة في بنك الصور.
form-bad-author = اختر الكتّاب من القائمة.
form-bad-tag = يجب أن يحتوي الوسم على حرف أو رقم واحد على الأقل.
form-bad-level = اختر مستوى العنوان الفرعي.
form-bad-related = لا توجد مادة مطابقة؛ أدخل رقمها أو رابطها على الموقع.
form-bad-url = أدخل عنوان ويب كاملًا يبدأ بـ https://
form-bad-block = نوع كتلة غير معروف.
form-bad-link = يحتاج الرابط إلى عنوان يبدأ بـ https:// أو http:// أو mailto:، أو إلى مسار في هذا الموقع يبدأ بـ /.
form-bad-formatting = تنسيق أكثر من اللازم في كتلة واحدة.
form-list-too-long = لا يمكن أن تضم القائمة أكثر من { 100 } عنصر.
form-slug-taken = توجد مادة أخرى في هذه النسخة بالرابط نفسه.
form-invalid = هذه القيمة غير مقبولة.
form-schedule-past = اختر وقتًا في المستقبل.
form-schedule-time = أدخل تاريخًا ووقتًا.
form-correction-required = اذكر ما الذي صُحّح.
form-correction-long = لا يتجاوز نص التصحيح { 1000 } حرف.
form-bad-transition = لا يمكن نقل المادة إلى هذه الحالة من حالتها الحالية.

## غرفة الأخبار: تسجيل الدخول والجلسات والرموز والمستخدمون وسجل التدقيق
nr-brand = غرفة أخبار Dateline
nr-nav = غرفة الأخبار
nr-nav-home = الرئيسية
nr-nav-sessions = جلساتك
nr-nav-tokens = رموز API
nr-nav-users = المستخدمون
nr-nav-audit = سجل التدقيق
nr-logout = تسجيل الخروج
nr-logout-everywhere = تسجيل الخروج من كل الأجهزة
nr-email = البريد الإلكتروني
nr-password = كلمة المرور
nr-login-title = تسجيل الدخول إلى غرفة الأخبار
nr-login-submit = تسجيل الدخول
nr-login-invalid = البريد الإلكتروني أو كلمة المرور غير صحيحة.
nr-login-locked = محاولات دخول فاشلة كثيرة لهذا الحساب. حاول مجددًا { $minutes ->
    [zero] بعد لحظات
    [one] بعد دقيقة
    [two] بعد دقيقتين
    [few] بعد { $minutes } دقائق
    [many] بعد { $minutes } دقيقة
   *[other] بعد { $minutes } دقيقة
}.
nr-login-rate-limited = محاولات دخول فاشلة كثيرة من شبكتك. حاول مجددًا { $minutes ->
    [zero] بعد لحظات
    [one] بعد دقيقة
    [two] بعد دقيقتين
    [few] بعد { $minutes } دقائق
    [many] بعد { $minutes } دقيقة
   *[other] بعد { $minutes } دقيقة
}.
nr-login-no-access = لا يملك هذا الحساب صلاحية دخول غرفة الأخبار.
nr-role-reader = قارئ
nr-role-contributor = مساهم
nr-role-author = كاتب
nr-role-editor = محرر
nr-role-admin = مسؤول
nr-home-title = أهلًا بك، { $name }
nr-home-signed-in = أنت مسجّل الدخول باسم { $email } ({ $role }).
nr-sessions-intro = كل المتصفحات التي سجّلت الدخول منها. سجّل الخروج من كل الأجهزة إذا فقدت جهازًا أو استخدمه غيرك.
nr-sessions-caption = الأحدث استخدامًا أولًا
nr-sessions-browser = المتصفح
nr-sessions-ip = عنوان IP
nr-sessions-started = وقت الدخول
nr-sessions-last-seen = آخر استخدام
nr-sessions-this = هذا المتصفح
nr-token-created = رمزك الجديد أدناه. انسخه الآن، فلن يُعرض مرة أخرى.
nr-token-name = الاسم
nr-token-scopes = الصلاحيات
nr-token-expires = ينتهي في
nr-token-last-used = آخر استخدام
nr-token-never = أبدًا
nr-token-revoked = مُبطَل
nr-token-revoke = إبطال
nr-token-none = ليست لديك رموز API.
nr-token-new = رمز جديد
nr-token-days = مدة الصلاحية (بالأيام)
nr-token-create = إنشاء الرمز
nr-actions = الإجراءات
nr-save = حفظ
nr-user-change = الاسم والدور والنسخ
nr-user-name = الاسم الظاهر
nr-user-role = الدور
nr-user-editions = النسخ (للمحررين)
nr-user-disabled = معطَّل
nr-user-locked = مقفل بعد محاولات دخول فاشلة
nr-user-new = حساب جديد
nr-user-create = إنشاء الحساب
nr-audit-filter = تصفية
nr-audit-when = الوقت
nr-audit-actor = المنفِّذ (رقم المستخدم)
nr-audit-action = الإجراء
nr-audit-item = العنصر
nr-audit-item-type = نوع العنصر
nr-audit-item-id = رقم العنصر
nr-audit-details = التفاصيل
nr-audit-via-token = بالرمز { $id }
nr-audit-empty = لا توجد سجلات مطابقة.
nr-error-detail-intro = تفاصيل من الخادم:
nr-error-back = العودة إلى غرفة الأخبار
nr-error-unauthenticated = يُرجى تسجيل الدخول
nr-error-forbidden = غير مسموح لك بالقيام بذلك
nr-error-csrf_failed = انتهت صلاحية هذا النموذج
nr-error-not_found = غير موجود
nr-error-invalid_input = بعض المدخلات غير صالحة
nr-error-invalid_query = هذا الرابط غير صالح
nr-error-duplicate = هذا موجود مسبقًا
nr-error-conflict = سبقك شخص آخر إلى الحفظ
nr-error-missing_reference = عنصر يُشار إليه هنا غير موجود
nr-error-method_not_allowed = هذا الإجراء غير متاح هنا
nr-error-unavailable = غرفة الأخبار غير متاحة حاليًا
nr-error-internal = حدث خطأ ما

## غرفة الأخبار: بنك الصور
media-upload-heading = رفع صورة
media-file = ملف الصورة
media-file-hint = JPEG أو PNG أو WebP أو AVIF أو GIF، بحجم أقصاه { $mb } ميغابايت. يُقرأ الشرح والإسناد وحقوق النشر من الملف نفسه.
nr-media-file-photo = صورة أرشيفية (لم تُلتقط لهذه المادة)
media-upload = رفع
media-search-heading = البحث عن صور
media-search-words = الشرح أو الإسناد أو المصوّر أو كلمة مفتاحية
media-taken-from = التُقطت من
media-taken-to = التُقطت حتى
media-renditions-pending = جارٍ إعداد المقاسات…
media-no-caption = بلا شرح بعد
media-none = لا توجد صور مطابقة.
media-uploaded = رُفعت الصورة. راجع النصوص المقروءة من الملف ثم احفظ.
media-duplicate = هذا الملف موجود في بنك الصور من قبل، وها هو.
media-saved = حُفظت التغييرات.
media-taken = التُقطت في
media-renditions = مقاسات الموقع
media-state-pending = في الانتظار
media-state-working = قيد الإعداد
media-state-ready = جاهز
media-state-failed = فشل
nr-media-caption = الشرح
media-alt = نص بديل لمن لا يستطيعون رؤية الصورة
nr-media-credit = سطر الإسناد
nr-media-copyright = حقوق النشر
media-creator = المصوّر
nr-media-source = المصدر
media-keywords = الكلمات المفتاحية (مفصولة بفواصل)
media-usage = مستخدمة في
media-unused = غير مستخدمة في أي مادة منشورة.
media-visibility = بنك الصور العام
media-public = يستطيع القراء رؤية هذه الصورة: في بنك الصور، وعبر واجهة API، وبوصفها ملفات.
media-hidden = لن يرى القراء هذه الصورة حتى تُنشر مادة تستخدمها أو يتيحها محرر في بنك الصور.
media-released-note = أتاحها محرر في بنك الصور.
media-release = الإتاحة في بنك الصور
media-withdraw = السحب من بنك الصور
media-released = أُتيحت في بنك الصور: يستطيع القراء رؤيتها الآن.
media-withdrawn = سُحبت من بنك الصور. يظل القراء يرونها ما دامت مادة منشورة تستخدمها.
media-not-an-image = هذا الملف ليس صورة يستطيع Dateline قراءتها. ارفع صورة بصيغة JPEG أو PNG أو WebP أو AVIF أو GIF.
media-unsupported = لا تُقبل الصور بهذه الصيغة. ارفع صورة بصيغة JPEG أو PNG أو WebP أو AVIF أو GIF.
media-too-large = حجم الملف أكبر من الحد المسموح للرفع.
media-too-many-pixels = عدد بكسلات الصورة كبير جدًا. صغّرها قبل رفعها.
media-too-much-memory = معالجة هذه الصورة تتطلب ذاكرة أكثر من اللازم. احفظها بعمق { 8 } بت لكل قناة أو بعدد أقل من البكسلات، ثم ارفعها مجددًا.
media-busy = الخادم مشغول بمعالجة صور أخرى. لم يُحفظ شيء؛ حاول مجددًا بعد دقيقة.
media-corrupt = الصورة تالفة ولا يمكن قراءتها.
media-no-file = اختر ملفًا لرفعه.
media-failed = فشل الرفع من جهتنا. لم يُحفظ شيء؛ حاول مجددًا.

## تغيير كلمة المرور (في صفحة الجلسات)
nr-password-heading = تغيير كلمة المرور
nr-password-intro = يؤدي تغييرها إلى تسجيل خروجك من كل مكان، بما في ذلك هذا المتصفح؛ ثم سجّل الدخول بكلمة المرور الجديدة.
nr-password-current = كلمة المرور الحالية
nr-password-new = كلمة المرور الجديدة ({ 10 } أحرف على الأقل)
nr-password-confirm = أعد كتابة كلمة المرور الجديدة
nr-password-submit = تغيير كلمة المرور
nr-password-mismatch = كلمتا المرور الجديدتان مختلفتان. اكتب كلمة المرور نفسها مرتين.
nr-password-too-short = كلمة المرور الجديدة قصيرة جدًا: استخدم { 10 } أحرف على الأقل.
nr-password-same = كلمة المرور الجديدة مطابقة للحالية.
nr-password-wrong = كلمة المرور الحالية غير صحيحة.
nr-password-rate-limited = محاولات خاطئة كثيرة. حاول مجددًا بعد { 15 } دقيقة.
nr-password-changed = غُيّرت كلمة مرورك وأُنهيت كل الجلسات. سجّل الدخول بكلمة المرور الجديدة.

## ترتيب الصفحة الرئيسية (/newsroom/front/{edition})
front-title = الصفحة الرئيسية: { $name }
front-view = عرض الصفحة الرئيسية كما يراها القراء
front-help = رتّب ما يراه القراء أولًا. الأماكن التي لم يرتبها أحد تُملأ بأحدث الأخبار كما كانت؛ وتُتخطى الأخبار التي لا يستطيع القراء رؤيتها (المسودات والمجدولة والمسحوبة) إلى أن تصبح متاحة للجميع.
front-lead = الخبر الرئيسي
front-top = أبرز الأخبار
front-top-help = أولها هو الخبر الرئيسي. الحد الأقصى { $max }.
front-pins = الأخبار المثبّتة في { $section }
front-pins-help = تظهر أولًا في مساحة هذا القسم على الصفحة الرئيسية، بحد أقصى { $max }.
front-none = لم يُرتَّب شيء: أحدث الأخبار في الصدارة.
front-missing = لا يوجد خبر برقم { $id }
front-hidden = لا يظهر للقراء: { $status }
front-move-up = نقل الخبر رقم { $id } لأعلى
front-move-down = نقل الخبر رقم { $id } لأسفل
front-remove = إزالة
front-remove-story = إزالة الخبر رقم { $id }
front-add = إضافة خبر
front-add-label = رقم الخبر أو رابطه
front-add-help = اكتب كلمات من العنوان لتظهر لك اقتراحات، أو الصق رابط الخبر.
front-add-to = المكان
front-add-button = إضافة
front-keys = بالفأرة، اسحب الأخبار لإعادة ترتيبها؛ وبلوحة المفاتيح، ينقل Alt+السهم لأعلى وAlt+السهم لأسفل الخبرَ المحدد. لن يتغير شيء لدى القراء حتى تحفظ.
front-save = حفظ الصفحة الرئيسية
front-saved = حُفظت الصفحة الرئيسية: يراها القراء الآن.
front-unsaved = عُدّلت ولم تُحفظ بعد.
front-error-conflict = حفظ شخص آخر هذه الصفحة الرئيسية بعد أن فتحتها. لم يُحفظ شيء؛ افتح الصفحة مجددًا لترى ترتيبه.
front-error-too_many_top = عدد أبرز الأخبار أكثر من المسموح. أزل بعضها أولًا.
front-error-too_many_pins = عدد الأخبار المثبّتة في قسم واحد أكثر من المسموح. أزل أحدها أولًا.
front-error-duplicate_article = هذا الخبر موجود على الصفحة الرئيسية من قبل. لا يُرتَّب الخبر إلا مرة واحدة.
front-error-other_edition = هذا الخبر تابع لنسخة أخرى.
front-error-wrong_section = هذا الخبر ليس في ذلك القسم: ثبّته في قسمه أو أضفه إلى أبرز الأخبار.
front-error-unknown_article = لا يوجد خبر بهذا الرقم أو الرابط.
front-error-empty = اكتب رقم الخبر أو رابطه أولًا.
front-error-place = اختر مكان الخبر.
dash-fronts = الصفحات الرئيسية

# صفحات النسخة المؤرشفة.
edition-retired-notice = لم تعد هذه النسخة تُحدَّث.

date-and-time = { $date }، { $time }
