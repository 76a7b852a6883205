# النشرات البريدية: صفحة الاشتراك، والتأكيد، والتفضيلات، وإلغاء الاشتراك،
# وإشعارات المتصفح، والرسائل نفسها، وقوائم غرفة الأخبار وتقاريرها وتنبيهاتها.
subscribe-newsletter = النشرات البريدية والتنبيهات
account-newsletters-link = النشرات البريدية والتنبيهات: اختر ما نرسله إليك بالبريد الإلكتروني
newsletter-title = النشرات البريدية والتنبيهات
newsletter-intro = احصل على { $edition } في بريدك الإلكتروني: موجز يومي، أو أخبار قسم بعينه، أو الأخبار العاجلة لحظة وقوعها.
newsletter-choose = اختر ما تريد أن يصلك
newsletter-list-digest = { $edition }: الموجز اليومي
newsletter-list-digest-about = يوميًا في الساعة { $time }: أخبار اليوم الماضي.
newsletter-list-section = { $section }
newsletter-list-section-about = يوميًا في الساعة { $time }، متى كانت في القسم أخبار جديدة.
newsletter-list-breaking = عاجل
newsletter-list-breaking-about = عند وقوع الأحداث الكبرى فقط، لحظة نشرنا الخبر.
newsletter-email = البريد الإلكتروني
newsletter-email-hint = سنرسل رابطًا إلى هذا العنوان لتأكيده. ولن نرسل شيئًا آخر قبل أن تؤكده.
newsletter-submit = اشترك
newsletter-save = حفظ اختياراتي
newsletter-saved = حُفظت اختياراتك.
newsletter-manage-address = تُرسل إلى { $email }، عنوان حسابك.
newsletter-privacy = في كل رسالة رابط لتغيير اختياراتك أو لإلغاء الاشتراك فورًا. لا نستخدم عنوانك إلا لهذه الرسائل.
newsletter-error-form-expired = انتهت صلاحية النموذج. يُرجى إرساله مجددًا.
newsletter-error-email = لا يبدو هذا عنوان بريد إلكتروني.
newsletter-error-list = اختر قائمة واحدة على الأقل من القوائم أدناه.
newsletter-error-too-many = طلبات اشتراك كثيرة من هنا أو لهذا العنوان. حاول مجددًا { $minutes ->
    [zero] بعد لحظات
    [one] بعد دقيقة
    [two] بعد دقيقتين
    [few] بعد { $minutes } دقائق
    [many] بعد { $minutes } دقيقة
   *[other] بعد { $minutes } دقيقة
}.
newsletter-error-busy = لا نستطيع استقبال طلبات الاشتراك الآن. يُرجى المحاولة مجددًا بعد قليل.
newsletter-error-mail = تعذّر إرسال رسالة التأكيد. يُرجى المحاولة مجددًا لاحقًا.
newsletter-error-code = هذا الرمز غير صحيح، أو انتهت صلاحيته.
newsletter-error-code-used-up = أُدخلت رموز خاطئة كثيرة. استخدم الرابط الوارد في الرسالة، أو اشترك مجددًا لتحصل على رمز جديد.
newsletter-sent-title = تفقّد بريدك الإلكتروني
newsletter-sent-text = أرسلنا رابطًا إلى { $email }. افتحه لتأكيد اشتراكك، أو اكتب أدناه الرمز المكوّن من ستة أرقام الوارد في الرسالة. كلاهما صالح لمدة { $days ->
    [zero] { $days } يوم
    [one] يوم واحد
    [two] يومين
    [few] { $days } أيام
    [many] { $days } يومًا
   *[other] { $days } يوم
}.
newsletter-code = الرمز الوارد في الرسالة
newsletter-code-submit = تأكيد
newsletter-confirm-title = أكّد اشتراكك
newsletter-confirm-text = خطوة أخيرة: أكّد أنك تريد تلقي هذه النشرات على هذا العنوان.
newsletter-confirm-button = نعم، أريد الاشتراك
newsletter-confirm-invalid-title = هذا الرابط لا يعمل
newsletter-confirm-invalid-text = انتهت صلاحيته، أو سبق استخدامه، أو أنه ناقص. اشترك مجددًا لتحصل على رابط جديد.
newsletter-confirmed-title = تم اشتراكك
newsletter-confirmed-text = شكرًا لك. تصلك أول رسالة في موعد القائمة التي اخترتها.
newsletter-preferences-title = نشراتك البريدية
newsletter-preferences-intro = اختر ما يصل إلى { $email }.
newsletter-preferences-link = تعديل نشراتي البريدية
newsletter-unsubscribe-all = إلغاء الاشتراك في كل شيء
newsletter-suspended = رُفضت الرسائل المرسلة إلى هذا العنوان مرارًا، فأوقفنا الإرسال إليه. اشترك مجددًا لتبدأ من جديد.
newsletter-link-invalid-title = هذا الرابط لا يعمل
newsletter-link-invalid-text = الرابط ناقص، أو يخص عنوانًا لم يعد مشتركًا.
newsletter-unsubscribe-title = إلغاء الاشتراك
newsletter-unsubscribe-text = هل تريد التوقف عن تلقي «{ $list }» على هذا العنوان؟
newsletter-unsubscribe-button = إلغاء الاشتراك
newsletter-unsubscribed-title = أُلغي اشتراكك
newsletter-unsubscribed-text = لن تصلك «{ $list }» بعد الآن.
newsletter-push-heading = الأخبار العاجلة على هذا الجهاز
newsletter-push-intro = تلقَّ إشعارًا من متصفحك عند وقوع الأحداث الكبرى، حتى لو كان هذا الموقع مغلقًا.
newsletter-push-on = تفعيل الإشعارات
newsletter-push-off = إيقاف الإشعارات
newsletter-push-state-on = الإشعارات مفعّلة في هذا المتصفح.
newsletter-push-state-off = الإشعارات متوقفة في هذا المتصفح.
newsletter-push-state-denied = يحظر متصفحك الإشعارات من هذا الموقع. اسمح بها في إعداداته لتفعيلها.
newsletter-push-state-failed = تعذّر تفعيل الإشعارات. يُرجى المحاولة مجددًا لاحقًا.
newsletter-push-alert-title = عاجل · { $edition }
mail-newsletter_confirm-subject = أكّد اشتراكك
mail-newsletter_confirm-text = طلب أحدهم، ونرجو أن تكون أنت، تلقي هذه النشرات على هذا العنوان:
mail-newsletter_confirm-button = تأكيد اشتراكي
mail-newsletter_confirm-code = أو اكتب هذا الرمز على الموقع:
mail-newsletter_confirm-expires = الرابط والرمز صالحان لمدة { $days ->
    [zero] { $days } يوم
    [one] يوم واحد
    [two] يومين
    [few] { $days } أيام
    [many] { $days } يومًا
   *[other] { $days } يوم
}.
mail-newsletter_confirm-ignore = إن لم تكن أنت صاحب الطلب، فتجاهل هذه الرسالة: لن يُرسل إليك شيء.
mail-newsletter_digest-subject = { $list_name }: { $headline }
mail-newsletter_alert-subject = عاجل: { $headline }
mail-newsletter-breaking = عاجل
mail-newsletter-read = اقرأ الخبر
mail-newsletter-more = المزيد على { $edition }
mail-newsletter-credit = الصورة: { $credit }
mail-newsletter-why = تصلك «{ $list }» لأنك اشتركت فيها.
mail-newsletter-preferences = تعديل نشراتي البريدية
mail-newsletter-unsubscribe = إلغاء الاشتراك
nl-nav = النشرات البريدية
nl-title = النشرات البريدية
nl-intro = قوائم كل نسخة مع مشتركيها المؤكَّدين، وما أُرسل منها. تُرسل الموجزات تلقائيًا في موعدها بتوقيت النسخة؛ أما تنبيهات الأخبار العاجلة فتُرسل من صفحة الخبر المنشور.
nl-saved = حُفظت القائمة.
nl-error-time = اكتب موعد الإرسال بالساعات والدقائق، مثل 07:00.
nl-list = القائمة
nl-subscribers = المشتركون
nl-send-time = موعد الإرسال
nl-active = مفعّلة
nl-change = حفظ
nl-yes = نعم
nl-no = لا
nl-on-demand = عندما يرسل محرر تنبيهًا
nl-kind-digest = الموجز اليومي
nl-kind-section = القسم: { $section }
nl-kind-breaking = عاجل
nl-sends = الإرسالات
nl-no-sends = لم يُرسل شيء بعد.
nl-sent-at = وقت الإعداد
nl-send = الإرسالية
nl-queued = في الانتظار
nl-sent = المُرسَلة
nl-failed = الفاشلة
nl-skipped = المتخطّاة
nl-older = إرسالات أقدم
nl-alert-of = تنبيه: { $headline }
nl-digest-of = موجز { $day }
nl-report-title = تقرير الإرسال
nl-report-finished = اكتمل: انتهت كل عمليات التسليم.
nl-report-running = جارٍ الإرسال: أعد تحميل الصفحة لمتابعته.
nl-problems = عمليات تسليم لم تمضِ كالمعتاد
nl-channel = القناة
nl-channel-mail = البريد
nl-channel-push = الإشعارات
nl-recipient = المستلم
nl-state = الحالة
nl-state-queued = في انتظار إعادة المحاولة
nl-state-sending = جارٍ الإرسال
nl-state-sent = أُرسلت
nl-state-failed = فشلت
nl-state-skipped = تُخطّيت
nl-attempts = المحاولات
nl-reason = السبب
nl-alert-link = إرسال تنبيه عاجل
nl-alert-title = إرسال تنبيه عاجل
nl-back-to-story = العودة إلى الخبر
nl-alert-reach = سيُرسَل هذا الخبر بالبريد الإلكتروني إلى { $mail ->
    [zero] { $mail } مشترك
    [one] مشترك واحد
    [two] مشتركَين
    [few] { $mail } مشتركين
    [many] { $mail } مشتركًا
   *[other] { $mail } مشترك
} في قائمة الأخبار العاجلة، وبإشعار إلى { $push ->
    [zero] { $push } متصفح
    [one] متصفح واحد
    [two] متصفحَين
    [few] { $push } متصفحات
    [many] { $push } متصفحًا
   *[other] { $push } متصفح
}.
nl-alert-once = لا يُرسل تنبيه عاجل بالخبر إلا مرة واحدة، ولا يمكن سحبه بعد إرساله.
nl-alert-confirm = أرسل التنبيه الآن
nl-cancel = إلغاء
nl-alert-already = أُرسل تنبيه عاجل بهذا الخبر.
nl-alert-not-public = لا يُرسل تنبيه عاجل إلا بخبر منشور.
nl-alert-sent-before = سبق إرسال تنبيه عاجل بهذا الخبر.
nl-alert-list-off = قائمة الأخبار العاجلة في هذه النسخة متوقفة.
