# خطافات الويب (غرفة الأخبار، للمديرين)
nr-nav-webhooks = خطافات الويب
webhooks-title = خطافات الويب (Webhooks)
webhooks-intro = روابط تُبلَّغ بما يجري على الموقع. يُرسَل كل حدث بصيغة JSON موقّعة، وتُعاد محاولة إرساله طوال يوم تقريبًا إذا لم يقبله الرابط.
webhooks-none = لا خطافات ويب بعد.
webhook-add = إضافة خطاف ويب
webhook-url = الرابط
webhook-url-help = رابط http:// أو https:// يقبل طلبات POST.
webhook-events = الأحداث
webhook-event-article-published = نشر مادة أو إعادة نشرها
webhook-event-article-corrected = إضافة تصحيح إلى مادة منشورة
webhook-event-article-unpublished = سحب مادة منشورة
webhook-event-comment-posted = نشر تعليق أو الموافقة عليه
webhook-description = الوصف (اختياري)
webhook-active = مفعّل
webhook-off = معطّل
webhook-last-delivery = آخر إرسال
webhook-never = لم يُرسَل شيء بعد
webhook-state-queued = في الانتظار
webhook-state-sending = جارٍ الإرسال
webhook-state-delivered = سُلّم
webhook-state-failed = فشل
webhook-state-skipped = لم يُرسَل
webhook-title = خطاف ويب
webhook-back = كل خطافات الويب
webhook-created = أُضيف خطاف الويب. انسخ سرّه الآن إلى النظام المستقبِل.
webhook-pinged = أُضيف حدث تجريبي إلى قائمة الانتظار، وسيُرسَل خلال ثوانٍ.
webhook-secret = السرّ
webhook-secret-help = يحمل كل إرسال الترويسة Dateline-Signature: v1= متبوعة بقيمة HMAC-SHA256 بالنظام الست عشري، المحسوبة بهذا السرّ، لقيمة الترويسة Dateline-Timestamp ثم نقطة ثم جسم الطلب.
webhook-deliveries = عمليات الإرسال
webhook-ping = إرسال حدث تجريبي
webhook-delivery-time = الوقت
webhook-delivery-event = الحدث
webhook-delivery-attempts = المحاولات
webhook-delivery-result = النتيجة
webhook-delivery-next = المحاولة التالية
webhook-retry = إعادة المحاولة الآن
webhook-no-deliveries = لم يُرسَل شيء بعد. تُحفظ سجلات الإرسال ثلاثين يومًا.
webhook-edit = تعديل
webhook-save = حفظ
webhook-delete = حذف خطاف الويب هذا
webhook-delete-help = يُحذف معه سجلّ الإرسال، ولن تُرسَل الأحداث التي ما زالت في الانتظار.
webhook-error-url = أدخل رابط http:// أو https:// كاملًا، من دون اسم مستخدم أو كلمة مرور.
webhook-error-events = اختر حدثًا واحدًا على الأقل.
webhook-error-description = { $max ->
    [zero] يجب أن يبقى الوصف فارغًا.
    [one] يجب ألا يتجاوز الوصف حرفًا واحدًا.
    [two] يجب ألا يتجاوز الوصف حرفين.
    [few] يجب ألا يتجاوز الوصف { $max } أحرف.
    [many] يجب ألا يتجاوز الوصف { $max } حرفًا.
   *[other] يجب ألا يتجاوز الوصف { $max } حرف.
}
