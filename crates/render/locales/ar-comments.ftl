## التعليقات على المواد والإشراف عليها.

comments-page-title = التعليقات: { $headline }
comments-page-description = ما يقوله القرّاء عن «{ $headline }»، والنقاش المفتوح للمشاركة فيه.
comments-all = كل التعليقات
comments-empty = لا تعليقات بعد. كن أول المعلّقين.
comments-closed = أُغلق باب التعليق على هذا الخبر.
comment-your-comment = تعليقك
comment-markdown-hint = يمكنك استخدام: *إبراز*، **خط عريض**، `شيفرة`، > اقتباس، القوائم، [روابط](https://example.org).
comment-send = نشر التعليق
comment-signed-in-as = أنت مسجّل الدخول باسم { $name }
comment-sort-label = ترتيب التعليقات
comment-sort-newest = الأحدث
comment-sort-oldest = الأقدم
comment-sort-replies = الأكثر ردودًا
comment-sort-liked = الأكثر إعجابًا
comment-first-page = الصفحة الأولى
comment-more = مزيد من التعليقات
comment-more-replies = { $count ->
    [zero] لا ردود أخرى في هذا النقاش
    [one] ردّ آخر في هذا النقاش
    [two] ردّان آخران في هذا النقاش
    [few] { $count } ردود أخرى في هذا النقاش
    [many] { $count } ردًّا آخر في هذا النقاش
   *[other] { $count } ردّ آخر في هذا النقاش
}
comment-erased = هذا تعليق حذفه كاتبه.
comment-edited = معدَّل
comment-likes = { $count ->
    [zero] لا إعجابات
    [one] إعجاب واحد
    [two] إعجابان
    [few] { $count } إعجابات
    [many] { $count } إعجابًا
   *[other] { $count } إعجاب
}
comment-like = إعجاب
comment-liked = أعجبك هذا
comment-reply = ردّ
comment-reply-label = الردّ على { $name }
comment-edit = تعديل
comment-edit-label = تعليقك
comment-save = حفظ
comment-delete = حذف
comment-report = إبلاغ
comment-report-why = لماذا تبلّغ عن هذا التعليق؟
comment-report-reason-spam = رسائل مزعجة أو إعلانات
comment-report-reason-abuse = إساءة أو تحرّش
comment-report-reason-off_topic = خارج عن الموضوع
comment-report-reason-misinformation = معلومات كاذبة
comment-report-reason-other = سبب آخر
comment-report-note = ما ينبغي أن يعرفه المشرفون (اختياري)
comment-report-send = إرسال البلاغ
comment-you = أنت
comment-edit-left = { $minutes ->
    [zero] لم تبقَ أمامك سوى لحظات لتعديله.
    [one] ما زالت أمامك دقيقة واحدة لتعديله.
    [two] ما زالت أمامك دقيقتان لتعديله.
    [few] ما زالت أمامك { $minutes } دقائق لتعديله.
    [many] ما زالت أمامك { $minutes } دقيقة لتعديله.
   *[other] ما زالت أمامك { $minutes } دقيقة لتعديله.
}
comment-pages-label = مزيد من التعليقات
comment-login-to-send = عند الإرسال سيُطلب منك تسجيل الدخول أولًا، وسيُحفظ ما كتبته.
comment-moderation-pre = يقرأ أحد المشرفين كل تعليق على هذا الخبر قبل نشره.
comment-moderation-new-account = { $hours ->
    [zero] يقرأ أحد المشرفين تعليقات الحسابات الجديدة قبل نشرها.
    [one] إذا مضى على إنشاء حسابك أقل من ساعة، فسيقرأ أحد المشرفين تعليقاتك قبل نشرها.
    [two] إذا مضى على إنشاء حسابك أقل من ساعتين، فسيقرأ أحد المشرفين تعليقاتك قبل نشرها.
    [few] إذا مضى على إنشاء حسابك أقل من { $hours } ساعات، فسيقرأ أحد المشرفين تعليقاتك قبل نشرها.
    [many] إذا مضى على إنشاء حسابك أقل من { $hours } ساعة، فسيقرأ أحد المشرفين تعليقاتك قبل نشرها.
   *[other] إذا مضى على إنشاء حسابك أقل من { $hours } ساعة، فسيقرأ أحد المشرفين تعليقاتك قبل نشرها.
}
comment-moderation-yours = حسابك جديد: حتى { $until } يقرأ أحد المشرفين تعليقاتك قبل نشرها.

comment-done-published = نُشر تعليقك.
comment-done-pending = شكرًا لك. سيظهر تعليقك بعد أن يوافق عليه أحد المشرفين.
comment-done-edited = حُدّث تعليقك.
comment-done-edited-pending = حُدّث تعليقك، وسيظهر من جديد بعد أن يوافق عليه أحد المشرفين.
comment-done-deleted = حُذف تعليقك.
comment-done-liked = شكرًا على إعجابك.
comment-done-reported = شكرًا لك. سيطّلع المشرفون على هذا التعليق.
comment-done-confirm-like = لتسجيل إعجابك بهذا التعليق، اضغط «إعجاب» مرة أخرى.

comment-sign-in-first = سجّل الدخول لنشر تعليقك. تجد نصّه أدناه لتتمكن من نسخه.
comment-confirm = يُرجى مراجعة تعليقك ثم نشره مرة أخرى.
comment-reply-gone = التعليق الذي رددت عليه لم يعد متاحًا.
comment-edit-closed = لم يعد بالإمكان تعديل هذا التعليق.
comment-refused-comment-empty = اكتب شيئًا قبل النشر.
comment-refused-comment-too-long = تعليقك طويل جدًا: الحد الأقصى أربعة آلاف حرف.
comment-refused-comments-closed = أُغلق باب التعليق على هذا الخبر.
comment-refused-email-unverified = أكّد عنوان بريدك الإلكتروني قبل التعليق: افتح الرابط الذي أرسلناه إليك.
comment-refused-reader-suspended = حسابك موقوف حتى { $until }. السبب: { $reason }
comment-refused-reader-banned = حسابك ممنوع من التعليق. السبب: { $reason }
comment-refused-banned-word = يتضمن تعليقك كلمة غير مسموح بها هنا: «{ $word }». يُرجى إعادة صياغته.
comment-refused-too-many-links = { $count ->
    [zero] يتضمن تعليقك روابط أكثر من المسموح به؛ يُرجى تقليلها.
    [one] يتضمن تعليقك رابطًا واحدًا؛ يُرجى تقليل الروابط.
    [two] يتضمن تعليقك رابطين؛ يُرجى تقليل الروابط.
    [few] يتضمن تعليقك { $count } روابط، والحدّ الأقصى المسموح به رابطان.
    [many] يتضمن تعليقك { $count } رابطًا، والحدّ الأقصى المسموح به رابطان.
   *[other] يتضمن تعليقك { $count } رابط، والحدّ الأقصى المسموح به رابطان.
}
comment-refused-repeated-comment = سبق أن نشرت هذا التعليق.
comment-refused-comment-rate-limited = أنت تعلّق بسرعة كبيرة. يُرجى الانتظار بضع دقائق.

mail-comment-rejected-subject = لم يُنشر تعليقك
mail-comment-rejected-text = لم يوافق أحد المشرفين على نشر تعليقك على «{ $headline }».
mail-comment-rejected-reason = السبب: { $reason }
mail-comment-rejected-your-text = تعليقك:
mail-comment-reply-subject = ردّ { $replier } على تعليقك
mail-comment-reply-text = ردّ { $replier } على تعليقك على «{ $headline }»:
mail-comment-reply-button = اقرأ الردّ

moderation = الإشراف
moderation-pending = بانتظار المراجعة
moderation-reported = مُبلَّغ عنها
moderation-rejected = مرفوضة
moderation-log = سجلّ الإشراف
moderation-words = قوائم الكلمات
moderation-sections = قواعد الأقسام
moderation-empty = لا شيء هنا.
moderation-approve = موافقة
moderation-reject = رفض
moderation-reason = السبب
moderation-suspend = إيقاف الكاتب مؤقتًا
moderation-ban = حظر الكاتب
moderation-days = عدد الأيام
moderation-story = المادة
moderation-author = الكاتب
moderation-reports = البلاغات
moderation-held-because = سبب الحجز:
moderation-hold-pre_moderated = خضوع القسم للإشراف المسبق
moderation-hold-suspect_word = احتواؤه على كلمة مشبوهة
moderation-hold-new_account = حداثة الحساب
moderation-word = كلمة أو عبارة
moderation-kind-banned = محظورة (يُرفض التعليق)
moderation-kind-suspect = مشبوهة (يُحجز التعليق للمراجعة)
moderation-add = إضافة
moderation-remove = إزالة
moderation-mode = الإشراف
moderation-mode-pre = قبل النشر
moderation-mode-post = بعد النشر
moderation-close-after = إغلاق التعليقات بعد (بالأيام، والفارغ: أبدًا)
moderation-save = حفظ
moderation-when = الوقت
moderation-who = المنفِّذ
moderation-action = الإجراء
moderation-older = الأقدم
moderation-close-story = إغلاق التعليقات على هذه المادة
moderation-story-rules = قواعد مادة بعينها
moderation-article-id = رقم المادة
moderation-mode-section = حسب قسمها
moderation-closed = التعليقات مغلقة
