## غرفة الأخبار: قائمة البرقيات ومصادرها

nr-nav-wires = البرقيات
wire-title = البرقيات
wire-intro = مواد الوكالات والخلاصات، الأحدث أولًا. افتح أي برقية لقراءتها وإعداد مسودة منها.
wire-sources-link = المصادر
wire-flagged = { $count ->
    [zero] لا توجد مواد مأخوذة من برقيات صدرت لها إصدارات أحدث.
    [one] مادة واحدة مأخوذة من برقية صدر لها إصدار أحدث بانتظار المراجعة.
    [two] مادتان مأخوذتان من برقيات صدرت لها إصدارات أحدث بانتظار المراجعة.
    [few] { $count } مواد مأخوذة من برقيات صدرت لها إصدارات أحدث بانتظار المراجعة.
    [many] { $count } مادة مأخوذة من برقيات صدرت لها إصدارات أحدث بانتظار المراجعة.
   *[other] { $count } مادة مأخوذة من برقيات صدرت لها إصدارات أحدث بانتظار المراجعة.
}
wire-search = البحث في البرقيات
wire-source = المصدر
wire-language = اللغة
wire-urgency = درجة الأهمية
wire-urgency-at-least = { $urgency } أو أعلى أهمية
wire-kind = النوع
wire-kind-text = نص
wire-kind-picture = صورة
wire-kind-graphic = رسم توضيحي
wire-kind-video = فيديو
wire-kind-audio = صوت
wire-kind-composite = حزمة
wire-kind-other = غير ذلك
wire-any = الكل
wire-show-duplicates = إظهار المكرّرات
wire-filter = تصفية
wire-col-time = الوقت
wire-col-source = المصدر
wire-col-urgency = الأهمية
wire-col-headline = العنوان
wire-col-language = اللغة
wire-version = الإصدار { $version }
wire-status = الحالة
wire-status-usable = صالحة للاستخدام
wire-status-withheld = محجوبة
wire-status-canceled = ملغاة
wire-is-duplicate = (مكرّرة)
wire-has-drafts = { $count ->
    [zero] · لم تُعدّ منها أي مسودة
    [one] · أُعدّت منها مسودة واحدة
    [two] · أُعدّت منها مسودتان
    [few] · أُعدّت منها { $count } مسودات
    [many] · أُعدّت منها { $count } مسودة
   *[other] · أُعدّت منها { $count } مسودة
}
wire-older = برقيات أقدم
wire-none = لا توجد برقية مطابقة. امسح عوامل التصفية لعرض القائمة كاملة.
wire-no-sources = لم يُضبط أي مصدر للبرقيات بعد. يضيف المدير المصادر من البرقيات ← المصادر.
wire-back = → البرقيات
wire-warning-canceled = ألغى المزوّد هذه البرقية: لا يجوز استخدامها.
wire-warning-withheld = حجب المزوّد هذه البرقية: لا تنشرها حتى يُفرَج عنها.
wire-warning-embargo = محظورة النشر حتى { $until }: لا تنشرها قبل ذلك.
wire-pictures = الصور
wire-details = التفاصيل
wire-credit = الإسناد
wire-copyright = حقوق النشر
wire-usage-terms = شروط الاستخدام
wire-guid = المعرّف
wire-first-created = أول إنشاء
wire-version-created = هذا الإصدار
wire-received = الاستلام
wire-updated = حُدّثت
wire-subjects = الموضوعات
wire-link = الأصل
wire-copies = النص نفسه في مكان آخر
wire-copies-help = تحمل هذه البرقيات العنوان والنص نفسيهما، من مصدر آخر أو بمعرّف آخر.
wire-drafts = مسودات أُعدّت من هذه البرقية
wire-draft-outdated = بلغت البرقية الآن الإصدار { $version }.
wire-make-draft = إعداد مسودة
wire-place = القسم
wire-make-draft-help = تحتفظ المسودة بالعنوان والمقدمة والنص، ويبقى المصدر والإسناد والمعرّفات مرتبطة بالمادة.
wire-no-place = لا يمكنك إنشاء مواد في أي نسخة.
wire-error-canceled = ألغى المزوّد هذه البرقية: لا يمكن إعداد مسودة منها.
wire-error-place = اختر قسمًا في نسخة يحق لك الكتابة فيها.
wire-error-invalid = لا يمكن تحويل هذه البرقية إلى مادة على حالها (نصها يتجاوز أحد حدود المحرر).
wire-error-slug = كل الروابط التي جُرّبت للمسودة مستخدمة؛ حاول مرة أخرى.
wire-origin = من البرقيات
wire-origin-source = { $source }، الإصدار { $version }
wire-origin-update = للبرقية إصدار أحدث ({ $version }).
wire-origin-see = اطّلع عليها
wire-origin-seen = تعليم كمقروءة
wire-origin-gone = لم تعد البرقية في القائمة.
wire-sources-title = مصادر البرقيات
wire-sources-intro = من أين تأتي مواد الوكالات: مجلد على الخادم تُلقى فيه الملفات، أو رابط يُستطلع دوريًا بصيغ IPTC ninjs أو NewsML-G2 أو RSS أو Atom أو JSON Feed. تُنقل الملفات المأخوذة من مجلد إلى مجلده الفرعي "processed"، والملفات التي تتعذّر قراءتها إلى "failed" ومعها سبب ذلك.
wire-sources-none = لا مصادر بعد.
wire-source-name = الاسم
wire-source-location = الرابط أو المجلد
wire-source-location-help = رابط http(s)، أو المسار المطلق لمجلد يستطيع الخادم القراءة منه والكتابة فيه. من المجلد تؤخذ الملفات المنتهية بـ .xml أو .json أو .rss أو .atom أو .ninjs أو .newsml، وتبقى الملفات الأخرى في مكانها.
wire-source-items = البرقيات
wire-source-last-poll = آخر جلب
wire-source-actions = الإجراءات
wire-source-off = متوقف
wire-source-kind = النوع
wire-source-kind-url = رابط يُستطلع (طلب GET شرطي)
wire-source-kind-folder = مجلد مراقَب
wire-source-every = { $seconds ->
    [zero] باستمرار
    [one] كل ثانية
    [two] كل ثانيتين
    [few] كل { $seconds } ثوانٍ
    [many] كل { $seconds } ثانية
   *[other] كل { $seconds } ثانية
}
wire-source-never = لم يُجرَ بعد
wire-source-failed = فشل آخر جلب:
wire-source-poll-now = الجلب الآن
wire-source-add = إضافة المصدر
wire-source-save = حفظ
wire-source-interval = الفاصل بين عمليات الجلب (بالثواني)
wire-source-enabled = جلب البرقيات من هذا المصدر
wire-source-delete = حذف المصدر
wire-source-delete-help = { $count ->
    [zero] لا برقيات لهذا المصدر في القائمة.
    [one] ستُزال برقيته الوحيدة من القائمة، وتحتفظ المواد المأخوذة منها ببيانات مصدرها.
    [two] ستُزال برقيتاه من القائمة، وتحتفظ المواد المأخوذة منهما ببيانات مصدرها.
    [few] ستُزال من القائمة { $count } برقيات تابعة له، وتحتفظ المواد المأخوذة منها ببيانات مصدرها.
    [many] ستُزال من القائمة { $count } برقية تابعة له، وتحتفظ المواد المأخوذة منها ببيانات مصدرها.
   *[other] ستُزال من القائمة { $count } برقية تابعة له، وتحتفظ المواد المأخوذة منها ببيانات مصدرها.
}
wire-source-error-name = أعطِ المصدر اسمًا يتراوح طوله بين حرف واحد وثمانين حرفًا.
wire-source-error-kind = حدّد ما إذا كان المصدر رابطًا أم مجلدًا.
wire-source-error-location = أدخل الرابط أو المجلد.
wire-source-error-url = يجب أن يبدأ الرابط بـ http:// أو https://.
wire-source-error-folder = يجب أن يكون المجلد مسارًا مطلقًا لمجلد موجود على الخادم.
wire-source-error-interval = { $max ->
    [zero] يجب أن يكون الفاصل بين عمليتي جلب من { $min } إلى { $max } ثانية.
    [one] يجب أن يكون الفاصل بين عمليتي جلب من { $min } إلى ثانية واحدة.
    [two] يجب أن يكون الفاصل بين عمليتي جلب من { $min } إلى ثانيتين.
    [few] يجب أن يكون الفاصل بين عمليتي جلب من { $min } إلى { $max } ثوانٍ.
    [many] يجب أن يكون الفاصل بين عمليتي جلب من { $min } إلى { $max } ثانية.
   *[other] يجب أن يكون الفاصل بين عمليتي جلب من { $min } إلى { $max } ثانية.
}
wire-source-error-taken = هناك مصدر آخر بهذا الاسم.
