# إشعارات الردود: رابط إلغاء الاشتراك في رسائل الردود، وصفحاته، والإعداد الخاص به في الملف الشخصي.
mail-comment-reply-unsubscribe = لا تريد هذه الرسائل؟ أوقف إشعارات الردود:
account-unsubscribe-title = إيقاف إشعارات الردود
account-unsubscribe-text = لن تصلك رسالة بريد إلكتروني بعد الآن عندما يرد أحد على تعليقاتك. يمكنك إعادة تفعيلها من ملفك الشخصي.
account-unsubscribe-button = إيقاف إشعارات الردود
account-unsubscribed-title = أُوقفت إشعارات الردود
account-unsubscribed-text = لن نراسلك بعد الآن عندما يرد أحد على تعليقاتك. يمكنك إعادة تفعيلها من ملفك الشخصي.
account-unsubscribe-invalid-title = هذا الرابط لا يعمل
account-unsubscribe-invalid-text = الرابط ناقص، أو يخص حسابًا لم يعد موجودًا. يمكنك تغيير إعدادات الإشعارات من ملفك الشخصي.
account-notifications-heading = الإشعارات
account-reply-mail = راسلني بالبريد الإلكتروني عندما يرد أحد على تعليقاتي
