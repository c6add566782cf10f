//! [`PageTasks`]: where the call page's hooks run their async work.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

/// The reactive owner current when a hook was made (the page's): tasks
/// spawned through it are cancelled when the page goes away.
#[derive(Clone, Copy)]
pub struct PageTasks(StoredValue<Owner>);

impl PageTasks {
    pub fn of_current_owner() -> Self {
        Self(StoredValue::new(Owner::current().unwrap_or_default()))
    }

    /// Runs `task` under the owner, unless the page is gone already.
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        if let Some(owner) = self.0.try_get_value() {
            owner.with(|| spawn_local_scoped_with_cancellation(task));
        }
    }
}
