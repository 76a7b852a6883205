# حسابات القرّاء (/account/…) والرسائل البريدية التي تُرسَل منها، بالعربية.
# صيغ الجمع وفق CLDR: zero (0)، one (1)، two (2)، few (3–10)، many (11–99)، other (100–102…).
# بعد few يأتي المعدود جمعًا، وبعد many مفردًا منصوبًا، وبعد other مفردًا مجرورًا.

## عناوين الصفحات
account-register-title = إنشاء حساب
account-login-title = تسجيل الدخول
account-sign-in-title = تسجيل الدخول عبر البريد الإلكتروني
account-code-title = أدخل رمز الدخول
account-verify-title = تأكيد عنوان بريدك
account-forgot-title = هل نسيت كلمة المرور؟
account-reset-title = اختر كلمة مرور جديدة
account-profile-title = حسابي
account-delete-title = حذف حسابك
account-sent-title = تفقّد بريدك
account-email-confirm-title = تأكيد عنوانك الجديد

## النماذج
account-email = البريد الإلكتروني
account-display-name = الاسم الظاهر
account-display-name-hint = يظهر بجانب تعليقاتك.
account-password = كلمة المرور
account-password-optional = كلمة المرور (اختيارية)
account-password-hint = { $count ->
    [zero] لا حدّ أدنى لطولها. ومن دون كلمة مرور تسجّل الدخول برابط أو رمز يصلك بالبريد.
    [one] حرف واحد على الأقل. ومن دون كلمة مرور تسجّل الدخول برابط أو رمز يصلك بالبريد.
    [two] حرفان على الأقل. ومن دون كلمة مرور تسجّل الدخول برابط أو رمز يصلك بالبريد.
    [few] { $count } أحرف على الأقل. ومن دون كلمة مرور تسجّل الدخول برابط أو رمز يصلك بالبريد.
    [many] { $count } حرفًا على الأقل. ومن دون كلمة مرور تسجّل الدخول برابط أو رمز يصلك بالبريد.
   *[other] { $count } حرف على الأقل. ومن دون كلمة مرور تسجّل الدخول برابط أو رمز يصلك بالبريد.
}
account-new-password = كلمة المرور الجديدة
account-current-password = كلمة المرور الحالية
account-register-intro = يتيح لك الحساب التعليق على الأخبار والمشاركة في غرف الدردشة. سنرسل إليك رابطًا لتأكيد عنوان بريدك.
account-register-submit = إنشاء الحساب
account-have-account = لديك حساب؟ سجّل الدخول
account-login-submit = تسجيل الدخول
account-sign-in-by-mail = سجّل الدخول دون كلمة مرور، عبر البريد الإلكتروني
account-forgot-link = هل نسيت كلمة المرور؟
account-register-link = ليس لديك حساب بعد؟ أنشئ حسابًا
account-sign-in-intro = سنرسل إليك بالبريد رابطًا ورمزًا من ستة أرقام، وأيّ منهما يكفي لتسجيل دخولك.
account-sign-in-submit = أرسل لي رابطًا
account-have-code = لديّ رمز بالفعل
account-login-with-password = تسجيل الدخول بكلمة المرور
account-code-sent = إذا كان العنوان { $email } مرتبطًا بحساب، فقد أرسلنا إليه للتوّ رابطًا ورمزًا. افتح الرابط، أو اكتب الرمز هنا.
account-code = الرمز المكوّن من ستة أرقام
account-code-submit = دخول
account-code-again = أرسل رمزًا جديدًا
account-verify-text = اضغط الزر لتأكيد عنوان بريدك الإلكتروني وتسجيل الدخول.
account-verify-button = تأكيد عنواني
account-link-text = اضغط الزر لتسجيل الدخول على هذا الجهاز.
account-link-button = سجّل دخولي
account-email-confirm-text = اضغط الزر لنقل حسابك إلى هذا العنوان.
account-email-confirm-button = اعتماد هذا العنوان
account-forgot-intro = أدخل عنوان بريدك، وسنرسل إليك رابطًا لاختيار كلمة مرور جديدة.
account-forgot-submit = أرسل لي رابطًا
account-reset-submit = حفظ كلمة المرور وتسجيل الدخول
account-sent-register = أرسلنا رسالة إلى { $email }. افتح الرابط الوارد فيها لإتمام التسجيل.
account-sent-reset = إذا كان العنوان { $email } مرتبطًا بحساب، فقد أرسلنا إليه رابطًا لاختيار كلمة مرور جديدة.
account-sent-hint = لم تصلك الرسالة؟ تفقّد مجلد الرسائل غير المرغوب فيها، أو انتظر بضع دقائق ثم أعد المحاولة.
account-back = رجوع
account-cancel = إلغاء

## الملف الشخصي
account-signed-in-as = أنت مسجّل الدخول بحساب { $email }
account-verified = مؤكَّد
account-unverified = غير مؤكَّد
account-unverified-hint = أكّد عنوانك عبر الرابط الذي أرسلناه إليك قبل أن تعلّق. أضعت الرسالة؟ سجّل الدخول عبر البريد الإلكتروني، فذلك يؤكد عنوانك أيضًا.
account-status-suspended = حسابك موقوف مؤقتًا: لا يمكنك التعليق أو الكتابة في غرف الدردشة في الوقت الحالي.
account-status-suspended-until = حسابك موقوف حتى { $until }: لا يمكنك التعليق أو الكتابة في غرف الدردشة قبل ذلك.
account-status-banned = حسابك محظور: لم يعد بإمكانك التعليق أو الكتابة في غرف الدردشة.
account-profile-heading = الملف الشخصي
account-language = لغة رسائلنا البريدية
language-name = العربية
account-save = حفظ
account-password-heading = كلمة المرور
account-no-password = لا توجد لحسابك كلمة مرور بعد، فأنت تسجّل الدخول عبر البريد الإلكتروني. يمكنك تعيين كلمة مرور هنا.
account-password-submit = تغيير كلمة المرور
account-email-heading = البريد الإلكتروني
account-new-email = العنوان الجديد
account-new-email-hint = سنرسل رابطًا إلى العنوان الجديد، ولن يتغيّر عنوانك إلا بعد أن تفتحه.
account-email-submit = تغيير العنوان
account-sessions-heading = الأجهزة
account-sessions-count = { $count ->
    [zero] لست مسجّل الدخول على أي جهاز.
    [one] أنت مسجّل الدخول على جهاز واحد.
    [two] أنت مسجّل الدخول على جهازين.
    [few] أنت مسجّل الدخول على { $count } أجهزة.
    [many] أنت مسجّل الدخول على { $count } جهازًا.
   *[other] أنت مسجّل الدخول على { $count } جهاز.
}
account-logout = تسجيل الخروج
account-logout-everywhere = تسجيل الخروج من جميع الأجهزة
account-resend-verification = إعادة إرسال رابط التأكيد
account-device-current = هذا الجهاز
account-device-seen = آخر استخدام: { $when }
account-device-from = من العنوان { $ip }
account-device-end = تسجيل الخروج من هذا الجهاز
account-notice-device = سُجّل الخروج من ذلك الجهاز.
account-notice-verification = أرسلنا رابط تأكيد جديدًا. افتحه لتأكيد عنوانك.
account-data-heading = بياناتك
account-export = تنزيل بياناتي (JSON)
account-delete-link = حذف حسابي
account-delete-intro = يؤدي هذا إلى حذف حسابك وتسجيل خروجك من جميع الأجهزة، ولا يمكن التراجع عنه.
account-delete-type-email = اكتب عنوان بريدك الإلكتروني للتأكيد
account-delete-submit = حذف حسابي نهائيًا

## الإشعارات والنتائج
account-notice-saved = حُفظ ملفك الشخصي.
account-notice-password = تغيّرت كلمة المرور، وسُجّل خروجك من الأجهزة الأخرى.
account-notice-email-sent = أرسلنا رابطًا إلى عنوانك الجديد، وسيتغيّر عنوانك عندما تفتحه.
account-link-invalid-title = لم يعد هذا الرابط صالحًا
account-link-invalid-text = إمّا أنه استُخدم من قبل، وإمّا أن صلاحيته انتهت. اطلب رابطًا جديدًا.
account-email-taken-title = هذا العنوان مستخدم
account-email-taken-text = يستخدم حساب آخر هذا العنوان بالفعل.
account-email-changed-title = تغيّر عنوانك
account-email-changed-text = أصبح حسابك يستخدم العنوان الجديد.
account-deleted-title = حُذف حسابك
account-deleted-text = حُذف كل ما كنا نحتفظ به من بيانات حسابك. شكرًا لمتابعتك لنا.

## الأخطاء
account-error-form-expired = انتهت صلاحية النموذج. يُرجى إرساله مرة أخرى.
account-error-email = يُرجى إدخال عنوان بريد إلكتروني صالح.
account-error-name = يُرجى إدخال اسم ظاهر يتراوح طوله بين حرف واحد وستين حرفًا.
account-error-password-short = كلمة المرور هذه قصيرة جدًا.
account-error-too-many = { $minutes ->
    [zero] طلبات كثيرة جدًا. يُرجى إعادة المحاولة بعد لحظات.
    [one] طلبات كثيرة جدًا. يُرجى إعادة المحاولة بعد دقيقة.
    [two] طلبات كثيرة جدًا. يُرجى إعادة المحاولة بعد دقيقتين.
    [few] طلبات كثيرة جدًا. يُرجى إعادة المحاولة بعد { $minutes } دقائق.
    [many] طلبات كثيرة جدًا. يُرجى إعادة المحاولة بعد { $minutes } دقيقة.
   *[other] طلبات كثيرة جدًا. يُرجى إعادة المحاولة بعد { $minutes } دقيقة.
}
account-error-locked = { $minutes ->
    [zero] محاولات فاشلة كثيرة جدًا. يُرجى إعادة المحاولة بعد لحظات.
    [one] محاولات فاشلة كثيرة جدًا. يُرجى إعادة المحاولة بعد دقيقة.
    [two] محاولات فاشلة كثيرة جدًا. يُرجى إعادة المحاولة بعد دقيقتين.
    [few] محاولات فاشلة كثيرة جدًا. يُرجى إعادة المحاولة بعد { $minutes } دقائق.
    [many] محاولات فاشلة كثيرة جدًا. يُرجى إعادة المحاولة بعد { $minutes } دقيقة.
   *[other] محاولات فاشلة كثيرة جدًا. يُرجى إعادة المحاولة بعد { $minutes } دقيقة.
}
account-error-mail = تعذّر إرسال الرسالة. يُرجى إعادة المحاولة بعد لحظات.
account-error-busy = الموقع مزدحم حاليًا. يُرجى إرسال النموذج مجددًا بعد لحظات.
account-error-credentials = البريد الإلكتروني أو كلمة المرور غير صحيحة.
account-error-code = هذا الرمز غير صحيح أو لم يعد صالحًا. بعد خمس محاولات خاطئة يتوقف الرمز عن العمل، فاطلب رمزًا جديدًا.
account-error-current-password = كلمة المرور غير صحيحة.
account-error-confirm-email = هذا ليس عنوان البريد المسجّل لحسابك.

## الرسائل البريدية
mail-greeting = مرحبًا { $name }،
mail-footer = وصلتك هذه الرسالة لأن أحدهم استخدم هذا العنوان على موقعنا.
mail-not-you = إن لم تكن أنت، فتجاهل هذه الرسالة، ولن يترتب على ذلك شيء.
mail-verify-subject = تأكيد عنوان بريدك
mail-verify-text = شكرًا لإنشائك حسابًا لدينا. افتح هذا الرابط لتأكيد عنوان بريدك الإلكتروني:
mail-verify-button = تأكيد عنواني
mail-verify-expiry = { $count ->
    [zero] تنتهي صلاحية الرابط اليوم.
    [one] الرابط صالح لمدة يوم واحد.
    [two] الرابط صالح لمدة يومين.
    [few] الرابط صالح لمدة { $count } أيام.
    [many] الرابط صالح لمدة { $count } يومًا.
   *[other] الرابط صالح لمدة { $count } يوم.
}
mail-already_registered-subject = لديك حساب بالفعل
mail-already_registered-text = حاول أحدهم إنشاء حساب بهذا العنوان، لكن لديك حسابًا به بالفعل.
mail-already_registered-login = سجّل الدخول بكلمة المرور:
mail-already_registered-sign-in = سجّل الدخول عبر البريد الإلكتروني، دون كلمة مرور:
mail-already_registered-forgot = اختر كلمة مرور جديدة:
mail-sign_in-subject = رمز الدخول الخاص بك: { $code }
mail-sign_in-link-text = افتح هذا الرابط لتسجيل الدخول:
mail-sign_in-button = سجّل دخولي
mail-sign_in-code-text = أو اكتب هذا الرمز في صفحة تسجيل الدخول:
mail-sign_in-expiry = { $count ->
    [zero] الرابط والرمز صالحان لمرة واحدة، وتنتهي صلاحيتهما خلال لحظات.
    [one] الرابط والرمز صالحان لمرة واحدة خلال دقيقة واحدة.
    [two] الرابط والرمز صالحان لمرة واحدة خلال دقيقتين.
    [few] الرابط والرمز صالحان لمرة واحدة خلال { $count } دقائق.
    [many] الرابط والرمز صالحان لمرة واحدة خلال { $count } دقيقة.
   *[other] الرابط والرمز صالحان لمرة واحدة خلال { $count } دقيقة.
}
mail-reset_password-subject = اختر كلمة مرور جديدة
mail-reset_password-text = افتح هذا الرابط لاختيار كلمة مرور جديدة:
mail-reset_password-button = اختيار كلمة مرور جديدة
mail-reset_password-expiry = { $count ->
    [zero] الرابط صالح لمرة واحدة، وتنتهي صلاحيته خلال لحظات.
    [one] الرابط صالح لمرة واحدة خلال دقيقة واحدة.
    [two] الرابط صالح لمرة واحدة خلال دقيقتين.
    [few] الرابط صالح لمرة واحدة خلال { $count } دقائق.
    [many] الرابط صالح لمرة واحدة خلال { $count } دقيقة.
   *[other] الرابط صالح لمرة واحدة خلال { $count } دقيقة.
}
mail-change_email-subject = تأكيد عنوانك الجديد
mail-change_email-text = افتح هذا الرابط لنقل حسابك إلى { $new_email }:
mail-change_email-button = اعتماد هذا العنوان
mail-change_email-expiry = { $count ->
    [zero] تنتهي صلاحية الرابط خلال أقل من ساعة.
    [one] الرابط صالح لمدة ساعة واحدة.
    [two] الرابط صالح لمدة ساعتين.
    [few] الرابط صالح لمدة { $count } ساعات.
    [many] الرابط صالح لمدة { $count } ساعة.
   *[other] الرابط صالح لمدة { $count } ساعة.
}
mail-email_changed-subject = تغيّر عنوان بريدك
mail-email_changed-text = أصبح حسابك يستخدم العنوان { $new_email } بدلًا من هذا العنوان.
mail-email_changed-not-you = إن لم تكن أنت من أجرى هذا التغيير، فراسلنا فورًا.

# روابط الحساب في ترويسة الموقع، وقائمة القارئ المسجّل الدخول.
masthead-login = تسجيل الدخول
masthead-profile = حسابي
masthead-subscriptions = النشرات البريدية والتنبيهات
masthead-logout = تسجيل الخروج

# تظهر في الصفحة التي يعود إليها القارئ بعد إجراء على حسابه.
notice-signed-in = سُجّل دخولك.
notice-verified = تأكّد عنوانك وسُجّل دخولك. أهلًا بك!
notice-password-reset = عُيّنت كلمة المرور الجديدة وسُجّل دخولك.
notice-signed-out = سُجّل خروجك.
notice-dismiss = إغلاق
