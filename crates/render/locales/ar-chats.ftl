## الدردشة: غرف فورية لكل نسخة، والإشراف عليها.

chat-rooms-title = الدردشة
chat-rooms-intro = ناقش الأخبار مع قرّاء آخرين لحظة بلحظة.
chat-rooms-empty = لا توجد غرف دردشة بعد.
chat-room-closed = هذه الغرفة مغلقة: يمكنك قراءتها، لكن لا يمكنك الكتابة فيها.
chat-room-open = مفتوحة
chat-presence = { $count ->
    [0] لا أحد هنا الآن
    [one] هنا الآن شخص واحد
    [two] هنا الآن شخصان
    [few] هنا الآن { $count } أشخاص
    [many] هنا الآن { $count } شخصًا
   *[other] هنا الآن { $count } شخص
}
chat-messages = الرسائل
chat-empty = لا رسائل بعد. ابدأ بالتحية.
chat-older = رسائل أقدم
chat-newest = أحدث الرسائل
chat-former-reader = قارئ سابق
chat-your-message = رسالتك
chat-send = إرسال
chat-signed-in-as = أنت مسجّل الدخول باسم { $name }
chat-slow-mode = { $seconds ->
    [zero] الوضع البطيء مفعّل.
    [one] الوضع البطيء: رسالة واحدة كل ثانية.
    [two] الوضع البطيء: رسالة واحدة كل ثانيتين.
    [few] الوضع البطيء: رسالة واحدة كل { $seconds } ثوانٍ.
    [many] الوضع البطيء: رسالة واحدة كل { $seconds } ثانية.
   *[other] الوضع البطيء: رسالة واحدة كل { $seconds } ثانية.
}
chat-prompt-start = للكتابة هنا،
chat-login = سجّل الدخول
chat-or = أو
chat-register = أنشئ حسابًا
chat-prompt-end = .
chat-confirm = يُرجى الضغط على «إرسال» مرة أخرى لتأكيد رسالتك.
chat-live = مباشر: تظهر الرسائل الجديدة فور نشرها.
chat-offline = انقطع الاتصال. جارٍ إعادة الاتصال…
chat-all-rooms = كل غرف الدردشة
chat-room-closed-short = مغلقة
chat-room-last-today = آخر رسالة اليوم الساعة { $time }
chat-room-last-day = آخر رسالة في { $date }
chat-room-quiet = لا رسائل بعد
# صيغة فاصل الأيام في السجل (على طريقة strftime، انظر dates.rs).
chat-day-pattern = %A، %e %B %Y
chat-unread = الجديد منذ زيارتك الأخيرة
chat-jump = رسائل جديدة
chat-placeholder = اكتب رسالة…
chat-keys = اضغط Enter للإرسال، وShift+Enter لبدء سطر جديد.
chat-refused-sign-in = سجّل الدخول للكتابة في هذه الدردشة.
chat-refused-email-unverified = أكّد عنوان بريدك الإلكتروني قبل الكتابة في غرف الدردشة.
chat-refused-reader-suspended = حسابك موقوف حتى { $until }. السبب: { $reason }
chat-refused-reader-banned = لا يُسمح لك بالكتابة على هذا الموقع. السبب: { $reason }
chat-refused-chat-muted = كُتمت رسائلك في غرف الدردشة حتى { $until }. السبب: { $reason }
chat-refused-chat-banned = أنت محظور من غرف الدردشة. السبب: { $reason }
chat-refused-room-closed = هذه الغرفة مغلقة.
chat-refused-message-empty = اكتب شيئًا أولًا.
chat-refused-message-too-long = { $max ->
    [zero] لا يمكن إرسال رسائل هنا.
    [one] يجب ألا تتجاوز الرسالة حرفًا واحدًا.
    [two] يجب ألا تتجاوز الرسالة حرفين.
    [few] يجب ألا تتجاوز الرسالة { $max } أحرف.
    [many] يجب ألا تتجاوز الرسالة { $max } حرفًا.
   *[other] يجب ألا تتجاوز الرسالة { $max } حرف.
}
chat-refused-forbidden-character = تحتوي رسالتك على محرف تحكّم غير مرئي. احذفه ثم أعد الإرسال.
chat-refused-banned-word = تتضمن رسالتك كلمة غير مسموح بها: «{ $word }». يُرجى إعادة صياغتها.
chat-refused-too-many-links = روابط كثيرة جدًا ({ $count }): يجب ألا تتضمن الرسالة أكثر من رابطين.
chat-refused-rate-limited = أنت ترسل الرسائل بسرعة كبيرة. انتظر بضع ثوانٍ.
chat-refused-slow-mode = { $seconds ->
    [zero] الوضع البطيء مفعّل: يمكنك الكتابة مجددًا بعد لحظة.
    [one] الوضع البطيء مفعّل: يمكنك الكتابة مجددًا بعد ثانية.
    [two] الوضع البطيء مفعّل: يمكنك الكتابة مجددًا بعد ثانيتين.
    [few] الوضع البطيء مفعّل: يمكنك الكتابة مجددًا بعد { $seconds } ثوانٍ.
    [many] الوضع البطيء مفعّل: يمكنك الكتابة مجددًا بعد { $seconds } ثانية.
   *[other] الوضع البطيء مفعّل: يمكنك الكتابة مجددًا بعد { $seconds } ثانية.
}
chat-refused-malformed-frame = تعذّرت قراءة ذلك، ولم يُرسَل شيء.
chat-refused-frame-too-large = هذه الرسالة أكبر من أن تُرسَل.
chat-refused-unavailable = تعذّر إرسال الرسالة الآن. حاول مرة أخرى.
chat-refused-too-many-sockets = نوافذ الدردشة المفتوحة كثيرة جدًا (الحد الأقصى { $max }). أغلق إحداها، وستتصل هذه النافذة تلقائيًا.

nr-chats = الدردشة
nr-chats-rooms = الغرف
nr-chats-edition = النسخة
nr-chats-slug = الرابط المختصر (slug)
nr-chats-title = العنوان
nr-chats-description = الوصف
nr-chats-slow-mode = الوضع البطيء (عدد الثواني بين رسائل القارئ الواحد، وصفر لإلغائه)
nr-chats-open = مفتوحة للرسائل
nr-chats-position = الترتيب في القائمة
nr-chats-create = إنشاء الغرفة
nr-chats-save = حفظ
nr-chats-new-room = غرفة جديدة
nr-chats-recent = أحدث الرسائل
nr-chats-room = الغرفة
nr-chats-author = الكاتب
nr-chats-message = الرسالة
nr-chats-when = الوقت
nr-chats-actions = الإجراءات
nr-chats-deleted = محذوفة
nr-chats-delete = حذف
nr-chats-mute = كتم
nr-chats-mute-minutes = عدد الدقائق
nr-chats-ban = حظر من الدردشة
nr-chats-reason = السبب
nr-chats-sanctions = القرّاء المكتومون والمحظورون
nr-chats-sanction-mute = مكتوم حتى { $until }
nr-chats-sanction-ban = محظور
nr-chats-lift = رفع العقوبة
nr-chats-none = لا شيء هنا.
nr-chats-older = رسائل أقدم
